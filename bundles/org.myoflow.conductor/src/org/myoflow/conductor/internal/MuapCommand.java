package org.myoflow.conductor.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.myoflow.conductor.ConductorLayers;
import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.FibreSource;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.io.ResultFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code myoflow muap}: the MUAP of one fibre, or of one unit of N fibres, straight from command-line options, in
 * the planar (Farina &amp; Merletti 2001) or the cylindrical (Farina et al. 2004) layered volume conductor; written
 * as a one-unit {@link MuapBank} ({@code .npy} + {@code .json} sidecar). Lengths in mm, conductivities in S/m,
 * amplitudes in mV. The conductors' layer defaults are {@link ConductorLayers#planarDefaults()} and
 * {@link ConductorLayers#cylindricalDefaults()}. Contributed to the headless runner by {@link MuapCommandContribution}.
 */
@Command(name = "muap", sortOptions = false, mixinStandardHelpOptions = true,
        description = { "Compute the MUAP of a single fibre (or of one unit of --fibres fibres) in a layered volume "
                + "conductor and write it as .npy + .json sidecar (a one-unit MUAP bank, mV).",
            "Coordinates: along the fibres from the array centre, across the fibres from the array centre, depth "
                    + "below the muscle surface. Spatial grid 0.5 mm; the discharge is at t = 0 (sample 0)." })
final class MuapCommand implements Callable<Integer> {


    /** Spatial grid of the kernels / z axis and quadrature step along the fibres, mm. */
    static final double GRID_MM = 0.5;
    /** Angular samples of the cylindrical detection grid (harmonics |n| ≤ 90). */
    static final int THETA_POINTS = 180;

    private final PrintStream stdout;
    private final PrintStream stderr;

    MuapCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Option(names = "--model", paramLabel = "planar|cylindrical", defaultValue = "planar",
            description = "Volume conductor: planar (skin, fat, muscle half-space) or cylindrical (limb of "
                    + "concentric muscle, fat and skin, optionally around a bone: --bone-radius-mm). "
                    + "Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--fat-mm", paramLabel = "MM",
            description = "Subcutaneous fat thickness, mm (default: the conductor's, 3 planar, 1 cylindrical).")
    Double fatMm;

    @Option(names = "--skin-mm", paramLabel = "MM", description = "Skin thickness, mm (default: the conductor's, 1).")
    Double skinMm;

    @Option(names = "--fat-s-per-m", paramLabel = "S/M",
            description = "Fat conductivity, S/m (default: the conductor's, 0.05 planar, 0.041 cylindrical).")
    Double fatS;

    @Option(names = "--skin-s-per-m", paramLabel = "S/M",
            description = "Skin conductivity, S/m (default: the conductor's, 1).")
    Double skinS;

    @Option(names = "--muscle-sigma-z", paramLabel = "S/M",
            description = "Muscle conductivity along the fibres, S/m (default: the conductor's, 0.5 planar, 0.4 "
                    + "cylindrical).")
    Double sigmaZ;

    @Option(names = "--muscle-sigma-across", paramLabel = "S/M",
            description = "Muscle conductivity across the fibres, S/m (default: the conductor's, 0.1 planar, 0.09 "
                    + "cylindrical).")
    Double sigmaAcross;

    @Option(names = "--muscle-radius-mm", paramLabel = "MM", defaultValue = "20",
            description = "Cylindrical: radius of the muscle cylinder, mm (fat and skin lie outside it). "
                    + "Default: ${DEFAULT-VALUE}.")
    double muscleRadiusMm;

    @Option(names = "--bone-radius-mm", paramLabel = "MM", defaultValue = "0",
            description = "Cylindrical: radius of an isotropic bone cylinder at the limb's centre, mm (0: no bone; "
                    + "must be below --muscle-radius-mm and inside the fibres). Default: ${DEFAULT-VALUE}.")
    double boneRadiusMm;

    @Option(names = "--bone-s-per-m", paramLabel = "S/M", defaultValue = "0.02",
            description = "Cylindrical: bone conductivity, S/m (used with --bone-radius-mm > 0). "
                    + "Default: ${DEFAULT-VALUE}.")
    double boneS;

    @Option(names = "--theta-points", paramLabel = "N", defaultValue = "" + THETA_POINTS,
            description = "Cylindrical: angular samples of the detection table (harmonics |n| <= N/2); even, "
                    + "2 ... 4096. Default: ${DEFAULT-VALUE}.")
    int thetaPoints;

    @Option(names = "--z-points", paramLabel = "N",
            description = "Cylindrical: points of the detection table along the fibres (a power of two, 16 ... 2^28, "
                    + "at least what the fibre and the array need; the period is N x 0.5 mm). Default: that minimum.")
    Integer zPoints;

    @Option(names = "--intracellular-s-per-m", paramLabel = "S/M",
            defaultValue = "" + FibreSource.INTRACELLULAR_CONDUCTIVITY_S_PER_M,
            description = "Intracellular conductivity sigma_i of the fibre, S/m: the source current scales with "
                    + "sigma_i x pi x a^2. Default: ${DEFAULT-VALUE}.")
    double intracellularS;

    @Option(names = "--fibre-radius-mm", paramLabel = "MM", defaultValue = "" + FibreSource.FIBRE_RADIUS_MM,
            description = "Fibre radius a, mm (the source current scales with a^2). Default: ${DEFAULT-VALUE}.")
    double fibreRadiusMm;

    @Option(names = "--depth-mm", paramLabel = "MM", defaultValue = "5",
            description = "Fibre (or unit centre) depth below the muscle surface, mm. Default: ${DEFAULT-VALUE}.")
    double depthMm;

    @Option(names = "--lateral-mm", paramLabel = "MM", defaultValue = "0",
            description = "Fibre (or unit centre) offset across the fibres from the array centre, mm; cylindrical: "
                    + "arc length on the skin, angle = lateral / skin radius. Default: ${DEFAULT-VALUE}.")
    double lateralMm;

    @Option(names = "--iz-mm", paramLabel = "MM", defaultValue = "0",
            description = "Innervation-zone position along the fibre relative to the array centre, mm. "
                    + "Default: ${DEFAULT-VALUE}.")
    double izMm;

    @Option(names = "--left-mm", paramLabel = "MM", defaultValue = "50",
            description = "Semi-fibre length from the innervation zone towards -z (L2), mm. Default: ${DEFAULT-VALUE}.")
    double leftMm;

    @Option(names = "--right-mm", paramLabel = "MM", defaultValue = "50",
            description = "Semi-fibre length from the innervation zone towards +z (L1), mm. Default: ${DEFAULT-VALUE}.")
    double rightMm;

    @Option(names = "--cv", paramLabel = "M/S", defaultValue = "4",
            description = "Conduction velocity, m/s. Default: ${DEFAULT-VALUE}.")
    double cv;

    @Option(names = "--fs", paramLabel = "HZ", defaultValue = "2048",
            description = "Sampling rate, Hz. Default: ${DEFAULT-VALUE}.")
    double fs;

    @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "40",
            description = "Length of the MUAP from the discharge, ms. Default: ${DEFAULT-VALUE}.")
    double durationMs;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "8",
            description = "Electrode rows, along the fibres. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--cols", paramLabel = "N", defaultValue = "8",
            description = "Electrode columns, across the fibres. Default: ${DEFAULT-VALUE}.")
    int cols;

    @Option(names = "--ied-mm", paramLabel = "MM", defaultValue = "4",
            description = "Inter-electrode distance, mm. Default: ${DEFAULT-VALUE}.")
    double iedMm;

    @Option(names = "--electrode-radius-mm", paramLabel = "MM", defaultValue = "0.75",
            description = "Radius of the circular electrodes, mm (0: point electrodes). Default: ${DEFAULT-VALUE}.")
    double electrodeRadiusMm;

    @Option(names = "--rotation-deg", paramLabel = "DEG", defaultValue = "0",
            description = "Array rotation: angle from the fibres to the rows, degrees, counter-clockwise "
                    + "(90: rows across the fibres), -360 ... 360. Default: ${DEFAULT-VALUE}.")
    double rotationDeg;

    @Option(names = "--array-along-mm", paramLabel = "MM", defaultValue = "0",
            description = "Array-centre offset along the fibres, mm (the fibre stays where --iz-mm, --lateral-mm put "
                    + "it). Default: ${DEFAULT-VALUE}.")
    double arrayAlongMm;

    @Option(names = "--array-across-mm", paramLabel = "MM", defaultValue = "0",
            description = "Array-centre offset across the fibres, mm (cylindrical: arc length on the skin). "
                    + "Default: ${DEFAULT-VALUE}.")
    double arrayAcrossMm;

    @Option(names = "--montage", paramLabel = "monopolar|sd|dd|laplacian", defaultValue = "monopolar",
            description = "Spatial filter: monopolar, sd / dd (single / double differential along the rows) or "
                    + "laplacian (normal double differential). Default: ${DEFAULT-VALUE}.")
    String montage;

    @Option(names = "--fibres", paramLabel = "N", defaultValue = "1",
            description = "Fibres of the unit: 1 = a single fibre at the given depth and lateral position; N > 1 "
                    + "spread uniformly in a circle of radius --territory-mm around it. Default: ${DEFAULT-VALUE}.")
    int fibres;

    @Option(names = "--territory-mm", paramLabel = "MM", defaultValue = "2",
            description = "Radius of the unit's territory (with --fibres > 1), mm. Default: ${DEFAULT-VALUE}.")
    double territoryMm;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fibre positions (with --fibres > 1). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.npy", defaultValue = "muap.npy",
            description = "Output file; the sidecar goes next to it as .json. Default: ${DEFAULT-VALUE}.")
    Path out;

    /** A bad option value: exit 2 with a message naming the option. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String option, String message) {
            super(option + ": " + message);
        }
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Map<String, Object> params;
        MuapBank bank;
        try {
            boolean cyl = checkModel();
            params = resolve(cyl);
            ElectrodeArray.Montage m = montage();
            ElectrodeArray array = ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(iedMm)
                    .radiusMm(electrodeRadiusMm).rotationDeg(rotationDeg).centreAlongMm(arrayAlongMm)
                    .centreAcrossMm(arrayAcrossMm).build();
            ElectrodeArray.Derivation der = array.derive(m);
            int samples = samples(der.labels().size(), array.positions().length);
            double[][] fibreXY = fibrePositions(cyl);
            long[] ns = new long[2]; // shared tables, per-fibre work
            double[][] mono = cyl ? cylindrical(array, fibreXY, samples, ns, params)
                    : planar(array, fibreXY, samples, ns);
            double scale = currentScaleRatio();
            if (scale != 1) { // the potentials are linear in the source's current scale sigma_i * pi * a^2
                for (double[] row : mono) {
                    for (int s = 0; s < row.length; s++) {
                        row[s] *= scale;
                    }
                }
            }
            params.put("sharedTablesUs", ns[0] / 1000);
            params.put("perFibreUs", ns[1] / 1000);
            params.put("perFibreMeanUs", ns[1] / 1000.0 / fibres);
            bank = new MuapBank(new double[][][] { der.apply(mono) }, fs, 0, der.labels(),
                    List.of(fibres == 1 ? "fibre" : "MU1"), der.positions(), der.rows(), der.cols(), "mV", m.label());
        } catch (Bad | IllegalArgumentException | DataException e) {
            stderr.println("myoflow: muap: " + e.getMessage());
            return CommandContribution.INVALID;
        }
        ResultFiles.Written w;
        try {
            w = ResultFiles.write(bank, out);
            addParameters(w.json(), params);
        } catch (UncheckedIOException | IOException e) {
            stderr.println("myoflow: muap: cannot write " + out + ": " + e.getMessage());
            return CommandContribution.FAILED;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int hiChannel = 0;
        for (int c = 0; c < bank.channelCount(); c++) {
            double[] x = bank.muap(0, c);
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            lo = Math.min(lo, mx - mn);
            if (mx - mn > hi) {
                hi = mx - mn;
                hiChannel = c;
            }
        }
        stdout.printf(Locale.ROOT,
                "muap: %s, %d fibre%s at depth %s mm, %s %d x %d -> %d channels x %d samples at %s Hz; "
                        + "peak-to-peak min %.4g, max %.4g mV (at %s); %.2f s (tables %d us, fibres %d us); %s (+ .json)%n",
                params.get("model"), fibres, fibres == 1 ? "" : "s", plain(depthMm), bank.montage(), rows, cols,
                bank.channelCount(), bank.sampleCount(), plain(fs), lo, hi, bank.channelLabels().get(hiChannel), (System.nanoTime() - t0) / 1e9,
                params.get("sharedTablesUs"), params.get("perFibreUs"),
                w.npy().toAbsolutePath().normalize());
        return CommandContribution.OK;
    }

    private boolean checkModel() {
        String mo = model.toLowerCase(Locale.ROOT);
        if (!mo.equals("planar") && !mo.equals("cylindrical")) {
            throw new Bad("--model", "expected planar or cylindrical, got '" + model + "'");
        }
        return mo.equals("cylindrical");
    }

    private ElectrodeArray.Montage montage() {
        ElectrodeArray.Montage m = switch (montage.toLowerCase(Locale.ROOT)) {
            case "monopolar", "mono" -> ElectrodeArray.Montage.MONOPOLAR;
            case "sd", "single-differential" -> ElectrodeArray.Montage.SINGLE_DIFFERENTIAL;
            case "dd", "double-differential" -> ElectrodeArray.Montage.DOUBLE_DIFFERENTIAL;
            case "laplacian", "ndd", "laplacian-ndd" -> ElectrodeArray.Montage.LAPLACIAN;
            default -> throw new Bad("--montage", "expected monopolar, sd, dd or laplacian, got '" + montage + "'");
        };
        int needRows = m == ElectrodeArray.Montage.MONOPOLAR ? 1 : m == ElectrodeArray.Montage.SINGLE_DIFFERENTIAL ? 2 : 3;
        int needCols = m == ElectrodeArray.Montage.LAPLACIAN ? 3 : 1;
        if (rows < needRows) {
            throw new Bad("--rows", "--montage " + montage + " needs --rows >= " + needRows + ", got " + rows);
        }
        if (cols < needCols) {
            throw new Bad("--cols", "--montage " + montage + " needs --cols >= " + needCols + ", got " + cols);
        }
        return m;
    }

    /** Fills the model-dependent defaults, checks every value and returns them for the sidecar. */
    private Map<String, Object> resolve(boolean cyl) {
        ConductorLayers d = cyl ? ConductorLayers.cylindricalDefaults() : ConductorLayers.planarDefaults();
        fatMm = fatMm != null ? fatMm : d.fatMm();
        skinMm = skinMm != null ? skinMm : d.skinMm();
        fatS = fatS != null ? fatS : d.fatSPerM();
        skinS = skinS != null ? skinS : d.skinSPerM();
        sigmaZ = sigmaZ != null ? sigmaZ : d.muscleAlongSPerM();
        sigmaAcross = sigmaAcross != null ? sigmaAcross : d.muscleAcrossSPerM();
        atLeastZero("--fat-mm", fatMm);
        atLeastZero("--skin-mm", skinMm);
        positive("--fat-s-per-m", fatS);
        positive("--skin-s-per-m", skinS);
        positive("--muscle-sigma-z", sigmaZ);
        positive("--muscle-sigma-across", sigmaAcross);
        if (cyl) {
            positive("--muscle-radius-mm", muscleRadiusMm);
            atLeastZero("--bone-radius-mm", boneRadiusMm);
            if (!(boneRadiusMm < muscleRadiusMm)) {
                throw new Bad("--bone-radius-mm", "the bone (radius " + boneRadiusMm
                        + " mm) must lie inside the muscle (--muscle-radius-mm " + muscleRadiusMm + ")");
            }
            positive("--bone-s-per-m", boneS);
            if (thetaPoints < 2 || thetaPoints > 4096 || thetaPoints % 2 != 0) {
                throw new Bad("--theta-points", "must be even and in [2, 4096], got " + thetaPoints);
            }
            if (zPoints != null && (zPoints < 16 || zPoints > 1 << 28 || Integer.bitCount(zPoints) != 1)) {
                throw new Bad("--z-points", "must be a power of two in [16, 2^28], got " + zPoints);
            }
        } else {
            for (String[] o : new String[][] { { "--bone-radius-mm", boneRadiusMm == 0 ? null : "" },
                { "--z-points", zPoints == null ? null : "" },
                { "--theta-points", thetaPoints == THETA_POINTS ? null : "" } }) {
                if (o[1] != null) {
                    throw new Bad(o[0], "applies to --model cylindrical only");
                }
            }
        }
        positive("--intracellular-s-per-m", intracellularS);
        positive("--fibre-radius-mm", fibreRadiusMm);
        if (fibreRadiusMm > 1) {
            throw new Bad("--fibre-radius-mm", "a muscle fibre's radius is at most 1 mm (50 um typical), got "
                    + fibreRadiusMm);
        }
        if (!(rotationDeg >= -360 && rotationDeg <= 360)) {
            throw new Bad("--rotation-deg", "must be in [-360, 360], got " + rotationDeg);
        }
        finite("--array-along-mm", arrayAlongMm);
        finite("--array-across-mm", arrayAcrossMm);
        if (Math.abs(arrayAlongMm) > 1e6) {
            throw new Bad("--array-along-mm", "must be within 1 km (1e6 mm) of the fibre, got " + arrayAlongMm);
        }
        if (Math.abs(arrayAcrossMm) > 1e6) {
            throw new Bad("--array-across-mm", "must be within 1 km (1e6 mm) of the fibre, got " + arrayAcrossMm);
        }
        if (!(depthMm >= 0) || Double.isInfinite(depthMm)) {
            throw new Bad("--depth-mm", "the fibre must lie in the muscle, at depth >= 0 below its surface; got "
                    + depthMm + " mm");
        }
        if (cyl && !(depthMm < muscleRadiusMm)) {
            throw new Bad("--depth-mm", "depth " + depthMm + " mm lies outside the muscle cylinder of radius "
                    + muscleRadiusMm + " mm (--muscle-radius-mm)");
        }
        if (cyl && !(muscleRadiusMm - depthMm >= boneRadiusMm)) {
            throw new Bad("--depth-mm", "depth " + depthMm + " mm puts the fibre inside the bone (--bone-radius-mm "
                    + boneRadiusMm + ", --muscle-radius-mm " + muscleRadiusMm + ")");
        }
        finite("--lateral-mm", lateralMm);
        finite("--iz-mm", izMm);
        atLeastZero("--left-mm", leftMm);
        atLeastZero("--right-mm", rightMm);
        if (!(leftMm + rightMm > 0)) {
            throw new Bad("--left-mm", "the fibre has no length (--left-mm + --right-mm = 0)");
        }
        positive("--cv", cv);
        positive("--fs", fs);
        positive("--duration-ms", durationMs);
        if (rows < 1) {
            throw new Bad("--rows", "must be at least 1, got " + rows);
        }
        if (cols < 1) {
            throw new Bad("--cols", "must be at least 1, got " + cols);
        }
        if (rows * (long) cols > 4096) {
            throw new Bad("--rows", rows + " x " + cols + " electrodes; at most 4096");
        }
        positive("--ied-mm", iedMm);
        atLeastZero("--electrode-radius-mm", electrodeRadiusMm);
        if (2 * electrodeRadiusMm >= iedMm && rows * cols > 1) {
            throw new Bad("--electrode-radius-mm", "electrodes of radius " + electrodeRadiusMm
                    + " mm overlap at --ied-mm " + iedMm);
        }
        if (cyl) { // the array's extent across the fibres (rotated: rows contribute too) within the circumference
            double th = Math.toRadians(rotationDeg);
            double circumference = 2 * Math.PI * (muscleRadiusMm + fatMm + skinMm);
            double width = (rows - 1) * iedMm * Math.abs(Math.sin(th)) + (cols - 1) * iedMm * Math.abs(Math.cos(th))
                    + 2 * electrodeRadiusMm;
            if (width > circumference) {
                throw new Bad((cols - 1) * iedMm + 2 * electrodeRadiusMm > circumference ? "--cols" : "--rotation-deg",
                        "the array is wider than the limb's circumference");
            }
        }
        if (fibres < 1 || fibres > 100000) {
            throw new Bad("--fibres", "must be in [1, 100000], got " + fibres);
        }
        atLeastZero("--territory-mm", territoryMm);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", cyl ? "cylindrical" : "planar");
        p.put("fatMm", fatMm);
        p.put("skinMm", skinMm);
        p.put("fatSPerM", fatS);
        p.put("skinSPerM", skinS);
        p.put("muscleSigmaZSPerM", sigmaZ);
        p.put("muscleSigmaAcrossSPerM", sigmaAcross);
        if (cyl) {
            p.put("muscleRadiusMm", muscleRadiusMm);
            p.put("skinRadiusMm", muscleRadiusMm + fatMm + skinMm);
            p.put("boneRadiusMm", boneRadiusMm);
            if (boneRadiusMm > 0) {
                p.put("boneSPerM", boneS);
            }
            p.put("thetaPoints", thetaPoints);
        }
        p.put("intracellularSPerM", intracellularS);
        p.put("fibreRadiusMm", fibreRadiusMm);
        p.put("rotationDeg", rotationDeg);
        p.put("arrayCentreAlongMm", arrayAlongMm);
        p.put("arrayCentreAcrossMm", arrayAcrossMm);
        p.put("depthMm", depthMm);
        p.put("lateralMm", lateralMm);
        p.put("izMm", izMm);
        p.put("leftSemiLengthMm", leftMm);
        p.put("rightSemiLengthMm", rightMm);
        p.put("cvMPerS", cv);
        p.put("interElectrodeDistanceMm", iedMm);
        p.put("electrodeRadiusMm", electrodeRadiusMm);
        p.put("electrodeRows", rows);
        p.put("electrodeCols", cols);
        p.put("fibres", fibres);
        if (fibres > 1) {
            p.put("territoryMm", territoryMm);
            p.put("seed", seed);
        }
        p.put("gridMm", GRID_MM);
        return p;
    }

    /** The fibre positions of the parsed options, as {@link #call} places them (for tests). */
    double[][] resolvedFibrePositions() {
        boolean cyl = checkModel();
        resolve(cyl);
        return fibrePositions(cyl);
    }

    /**
     * Fibre positions [f] = {across mm, depth mm} (planar) or {ρ mm, θ rad} (cylindrical): one fibre at the given
     * point, or N uniform in the territory circle (in the cross-section plane), re-drawn when outside the muscle.
     */
    private double[][] fibrePositions(boolean cyl) {
        double rm = muscleRadiusMm;
        double rs = muscleRadiusMm + fatMm + skinMm;
        double theta0 = lateralMm / rs;
        double cx = cyl ? (rm - depthMm) * Math.sin(theta0) : lateralMm;
        double cy = cyl ? (rm - depthMm) * Math.cos(theta0) : depthMm;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] pos = new double[fibres][];
        for (int f = 0; f < fibres; f++) {
            double x = cx;
            double y = cy;
            if (fibres > 1) {
                int tries = 0;
                do {
                    double r = territoryMm * Math.sqrt(rng.nextDouble());
                    double phi = 2 * Math.PI * rng.nextDouble();
                    x = cx + r * Math.cos(phi);
                    y = cy + r * Math.sin(phi);
                } while ((cyl ? Math.hypot(x, y) > rm || Math.hypot(x, y) < boneRadiusMm : y < 0)
                        && ++tries < 1000);
                if (cyl && (Math.hypot(x, y) > rm || Math.hypot(x, y) < boneRadiusMm)) {
                    x = cx;
                    y = cy;
                } else if (!cyl) {
                    y = Math.max(0, y);
                }
            }
            pos[f] = cyl ? new double[] { Math.hypot(x, y), Math.atan2(x, y) } : new double[] { x, y };
        }
        return pos;
    }

    /**
     * The samples per channel, checked before anything is allocated: computed in 64 bits (--duration-ms x --fs),
     * at most what a Java array holds, and the MUAP (monopolar and derived channels, 8 bytes a sample) within
     * three quarters of the heap.
     */
    private int samples(int derivedChannels, int electrodes) {
        double exact = Math.rint(durationMs * 1e-3 * fs);
        if (!(exact >= 2)) {
            throw new Bad("--duration-ms", "--duration-ms x --fs gives " + plain(exact) + " samples; need at least 2");
        }
        if (exact > Integer.MAX_VALUE - 8) {
            throw new Bad("--duration-ms", "--duration-ms " + plain(durationMs) + " x --fs " + plain(fs) + " gives "
                    + plain(exact) + " samples, more than the " + (Integer.MAX_VALUE - 8)
                    + " one channel can hold; shorten --duration-ms or lower --fs");
        }
        long n = (long) exact;
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact(n, (long) derivedChannels + electrodes), 8L);
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        checkMemory("--duration-ms", "the MUAP (" + electrodes + " electrodes + " + derivedChannels + " channels x "
                + n + " samples x 8 bytes)", bytes);
        return (int) n;
    }

    /** Refuses work needing more than three quarters of the heap, naming the option and how to raise the heap. */
    private static void checkMemory(String option, String what, long bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        long limit = heap == Long.MAX_VALUE ? Long.MAX_VALUE : heap / 4 * 3;
        if (bytes > limit) {
            throw new Bad(option, what + " needs about " + gib(bytes) + ", more than the " + gib(limit)
                    + " this command may use (three quarters of the Java heap); "
                    + (bytes == Long.MAX_VALUE || bytes > 4L << 40 ? "make it smaller"
                            : "make it smaller or give Java more memory with MYOFLOW_JAVA_OPTS=-Xmx"
                                    + ((long) Math.ceil(bytes / 0.75 / (1L << 30)) + 1) + "g"));
        }
    }

    private static String gib(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 8 EiB"
                : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** Planar: the unit through {@link MuapBankBuilder#unitPotentials} with kernels covering its fibres. */
    private double[][] planar(ElectrodeArray array, double[][] pos, int samples, long[] ns) {
        PlanarLayeredConductor conductor = new PlanarLayeredConductor(sigmaZ, sigmaAcross, fatS, fatMm, skinS,
                skinMm);
        MuapBankBuilder builder = MuapBankBuilder.builder(conductor, array).samplingRateHz(fs)
                .muapDurationS(samples / fs).onsetS(0).gridSpacingMm(GRID_MM).depthStepMm(GRID_MM).build();
        List<MotorUnitAnatomy.Fibre> list = new ArrayList<>(pos.length);
        for (double[] p : pos) {
            list.add(new MotorUnitAnatomy.Fibre(p[0], p[1], izMm, rightMm, leftMm));
        }
        MotorUnitAnatomy.Unit unit = new MotorUnitAnatomy.Unit(lateralMm, depthMm, fibres > 1 ? territoryMm : 0, cv,
                list);
        double[][] electrodes = array.positions();
        long t0 = System.nanoTime();
        PlanarLayeredConductor.KernelGrid grid = builder.gridFor(List.of(unit));
        // the grid spans the fibres across (territory, lateral offset) and along (innervation zone, semi-lengths)
        boolean across = grid.fftPointsAcross() >= grid.fftPointsAlong();
        String option = across ? (fibres > 1 && territoryMm >= Math.abs(lateralMm) ? "--territory-mm" : "--lateral-mm")
                : (Math.max(leftMm, rightMm) >= Math.abs(izMm) ? (leftMm >= rightMm ? "--left-mm" : "--right-mm")
                        : "--iz-mm");
        if (across && Math.abs(arrayAcrossMm) > Math.max(Math.abs(lateralMm), fibres > 1 ? territoryMm : 0)) {
            option = "--array-across-mm";
        } else if (!across && Math.abs(arrayAlongMm) > Math.max(Math.abs(izMm), Math.max(leftMm, rightMm))) {
            option = "--array-along-mm";
        }
        checkMemory(option, "the volume-conductor kernel grid (" + grid.fftPointsAcross() + " x "
                + grid.fftPointsAlong() + " points)", grid.estimatedBytes());
        PlanarLayeredConductor.Kernels kernels = conductor.kernels(array.radiusMm(), grid);
        long t1 = System.nanoTime();
        double[][] v = builder.unitPotentials(unit, kernels, electrodes);
        ns[0] = t1 - t0;
        ns[1] = System.nanoTime() - t1;
        return v;
    }

    /**
     * Cylindrical: one detection table (shared), then the unit through the MUAP-bank step's summation
     * ({@link CylindricalMuapBankStep#unitPotentials}: every fibre's {@code Projection.accumulate}, one render).
     */
    private double[][] cylindrical(ElectrodeArray array, double[][] pos, int samples, long[] ns,
            Map<String, Object> params) {
        long t0 = System.nanoTime();
        double rm = muscleRadiusMm;
        CylindricalLayeredConductor conductor = new CylindricalLayeredConductor(sigmaZ, sigmaAcross, fatS, fatMm,
                skinS, skinMm, rm + fatMm + skinMm, boneS, boneRadiusMm);
        double[][] zTheta = conductor.onSkin(array.positions(), 0);
        String lengthOption = Math.abs(arrayAlongMm) > Math.max(Math.abs(izMm), Math.max(leftMm, rightMm))
                ? "--array-along-mm" : leftMm >= rightMm ? "--left-mm" : "--right-mm";
        int nz;
        try {
            nz = CylindricalLayeredConductor.zPointsFor(zTheta, new double[][] { { izMm - leftMm, izMm + rightMm } },
                    GRID_MM);
        } catch (IllegalArgumentException e) {
            throw new Bad(lengthOption, e.getMessage());
        }
        if (zPoints != null) {
            if (zPoints < nz) {
                throw new Bad("--z-points", zPoints + " points of " + GRID_MM + " mm do not hold the fibre and the "
                        + "array within half a period; need at least " + nz);
            }
            nz = zPoints;
            lengthOption = "--z-points";
        }
        params.put("zPoints", nz);
        long table;
        try { // the detection table: (nz/2 + 1) wavenumbers x (theta/2 + 1) orders, about 4 doubles each (x2 bone)
            table = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) nz / 2 + 1,
                    (long) thetaPoints / 2 + 1), 32L), boneRadiusMm > 0 ? 2L : 1L);
        } catch (ArithmeticException e) {
            table = Long.MAX_VALUE;
        }
        checkMemory(zPoints != null ? "--z-points" : thetaPoints != THETA_POINTS ? "--theta-points" : lengthOption,
                "the detection table (" + nz + " x " + (thetaPoints / 2 + 1) + " points)", table);
        CylindricalLayeredConductor.Detection det = conductor.detection(nz, GRID_MM, thetaPoints,
                array.radiusMm());
        long t1 = System.nanoTime();
        // the step's anatomy coordinates: x = theta * R_m across, depth = R_m - rho
        List<MotorUnitAnatomy.Fibre> list = new ArrayList<>(pos.length);
        for (double[] p : pos) {
            list.add(new MotorUnitAnatomy.Fibre(p[1] * rm, rm - p[0], izMm, rightMm, leftMm));
        }
        MotorUnitAnatomy.Unit unit = new MotorUnitAnatomy.Unit(lateralMm * rm / (rm + fatMm + skinMm), depthMm,
                fibres > 1 ? territoryMm : 0, cv, list);
        double[][] v = CylindricalMuapBankStep.unitPotentials(det, unit, 0, zTheta, fs, samples);
        ns[0] = t1 - t0;
        ns[1] = System.nanoTime() - t1;
        return v;
    }

    /**
     * The ratio of the source's current scale c = sigma_i * pi * a^2 ({@link FibreSource#CURRENT_SCALE_S_MM}) with the
     * given --intracellular-s-per-m and --fibre-radius-mm to the library's constants; exactly 1 with the defaults.
     */
    double currentScaleRatio() {
        if (intracellularS == FibreSource.INTRACELLULAR_CONDUCTIVITY_S_PER_M
                && fibreRadiusMm == FibreSource.FIBRE_RADIUS_MM) {
            return 1;
        }
        return intracellularS / FibreSource.INTRACELLULAR_CONDUCTIVITY_S_PER_M
                * (fibreRadiusMm / FibreSource.FIBRE_RADIUS_MM) * (fibreRadiusMm / FibreSource.FIBRE_RADIUS_MM);
    }

    /** Adds the command's parameters to the sidecar under "muapCommand" (the .npy and its SHA-256 unchanged). */
    private static void addParameters(Path json, Map<String, Object> params) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = gson.fromJson(Files.readString(json, StandardCharsets.UTF_8), LinkedHashMap.class);
        meta.put("muapCommand", params);
        Files.writeString(json, gson.toJson(meta) + "\n", StandardCharsets.UTF_8);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void finite(String option, double v) {
        if (!Double.isFinite(v)) {
            throw new Bad(option, "must be a finite number, got " + v);
        }
    }

    private static void atLeastZero(String option, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new Bad(option, "must be >= 0, got " + v);
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new Bad(option, "must be positive, got " + v);
        }
    }
}
