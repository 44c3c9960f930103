package org.myoflow.musculoskeletal.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.myoflow.core.data.DataException;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.MuscleAnalysis;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Coordinate;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Muscle;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow opensim}: OpenSim models without OpenSim. {@code info MODEL.osim} lists coordinates, muscles
 * and what is not modelled; {@code lengths MODEL.osim COORDINATES --out FILE.sto} does what OpenSim's
 * MuscleAnalysis does for muscle-tendon lengths, lengthening speeds and moment arms; {@code so MODEL COORDINATES
 * ID --out FILE.sto} is OpenSim's StaticOptimization ({@link OpenSimStaticOptimisation}).
 */
@Component(service = CommandContribution.class)
public final class OpenSimCommand implements CommandContribution {

    static final String USAGE = String.join("\n",
            "Usage: myoflow opensim info MODEL.osim [--paths FUNCTION_BASED_PATHS.xml]",
            "       myoflow opensim lengths MODEL.osim COORDINATES.mot|.sto --out FILE.sto [--moment-arms]",
            "              [--muscles a,b,...] [--coordinates q1,q2,...] [--paths FUNCTION_BASED_PATHS.xml]",
            "              [--allow-missing] [--consistent-wrapping] [--muscle-analysis-prefix PREFIX]",
            "       myoflow opensim so MODEL.osim COORDINATES.mot|.sto ID.sto --out FILE.sto",
            "              [--reserve N] [--no-force-length-velocity] [--passive] [--min-activation A] [--max-activation A]",
            "              [--start T] [--end T] [--stride K] [--paths FUNCTION_BASED_PATHS.xml] [--allow-missing]",
            "              [--activation-exponent P]",
            "              [--muscles a,b,*_r,...] [--coordinates q1,q2,...]",
            "       myoflow opensim so MODEL.osim [COORDINATES.mot|.sto] --muscle-analysis PREFIX --moments ID.sto",
            "              --out FILE.sto [the so options above]",
            "",
            "OpenSim models (.osim, 3.x and 4.x) read in Java: bodies, joints (CustomJoint, PinJoint, WeldJoint,",
            "SliderJoint, UniversalJoint, GimbalJoint), coordinate couplers, muscles and their paths (path points,",
            "conditional and moving points, wrap cylinders and spheres; OpenSim 4.5 function-based paths via --paths).",
            "",
            "info      lists the coordinates, the muscles with their parameters, and what cannot be modelled.",
            "lengths   computes muscle-tendon lengths (m) at every row of a coordinates file (a .mot of coordinate",
            "          names, or a states table with /jointset/<joint>/<coordinate>/value columns; inDegrees=yes",
            "          converts rotational coordinates) and writes FILE.sto with OpenSim's column names",
            "          (/forceset/<muscle>|length), plus <FILE>_LengtheningSpeed.sto (m/s, from the moment arms and",
            "          the coordinate speeds: the file's /speed columns or central differences).",
            "so        static optimisation as OpenSim's StaticOptimization: per row, activations minimising",
            "          sum a^2 + sum x^2 with every independent, unlocked coordinate's inverse-dynamics moment",
            "          (ID.sto: <coordinate>_moment / _force columns) met by the muscles (rigid tendon, Thelen",
            "          force-length-velocity) plus a reserve actuator R*x per coordinate. Writes FILE.sto",
            "          (activations) and <FILE>_force.sto (muscle forces in N, reserve_<coordinate> columns).",
            "          With --muscle-analysis PREFIX the muscle-tendon lengths and moment arms come from OpenSim",
            "          MuscleAnalysis outputs (PREFIX_Length.sto, PREFIX_MomentArm_<coordinate>.sto) instead of the",
            "          model's paths (the model gives the muscle parameters); the lengthening speeds from the",
            "          moment arms and COORDINATES when given, else from central differences of the lengths.",
            "",
            "Options:",
            "  --out FILE.sto          the lengths file (required for lengths)",
            "  --moment-arms           also write <FILE>_MomentArm_<coordinate>.sto (m; -dL/dq as OpenSim defines",
            "                          it; one file per coordinate that a selected muscle spans, columns = muscles)",
            "  --muscles a,b           only these muscles (default: all)",
            "  --coordinates q1,q2     moment arms about these coordinates only (default: all independent ones)",
            "  --paths FILE.xml        replace muscle paths by an OpenSim FunctionBasedPath set",
            "  --allow-missing         keep model coordinates missing from the file at their default values",
            "                          (default: a missing coordinate is an error naming it, exit 3)",
            "  --muscle-analysis-prefix PREFIX  lengths: also write OpenSim MuscleAnalysis files PREFIX_Length.sto",
            "                          (columns = muscle names) and PREFIX_MomentArm_<coordinate>.sto (every",
            "                          independent coordinate, or --coordinates); --out is then optional",
            "  --muscle-analysis PREFIX  so: lengths and moment arms from MuscleAnalysis outputs (PREFIX may also",
            "                          be the PREFIX_Length.sto file); the ID file is given with --moments",
            "  --moments ID.sto        so: the inverse-dynamics file (instead of the third file argument)",
            "  --consistent-wrapping   measure paths with several wrap objects on their final geometry; by",
            "                          default lengths are OpenSim 4.4's, which measures them with tangent points",
            "                          cached from the first pass of its wrap iteration (docs/opensim.md)",
            "  --reserve N             so: optimal force of every reserve actuator (default 1 N*m or N)",
            "  --no-force-length-velocity  so: muscle force a*F0 (OpenSim's use_model_force_length_velocity=false)",
            "  --passive               so: add the muscles' passive fibre force (OpenSim's analysis leaves it out)",
            "  --min-activation A, --max-activation A  so: activation bounds (default 0 and 1)",
            "  --start T, --end T, --stride K  so: rows in [T, T'] only, every K-th (default all)",
            "  --activation-exponent P  so: minimise the sum of activation^P (P >= 2, default 2; OpenSim's",
            "                          activation_exponent); reserves keep the cost (reserve/R)^2",
            "  --muscles a,b,*_r       so: only these muscles (a '*' matches any text, e.g. *_r: one leg)",
            "  --coordinates q1,q2     so: balance only these coordinates' moments (the ID file needs only their",
            "                          columns; e.g. one leg's hip_flexion_r,knee_angle_r,ankle_angle_r)",
            "",
            "Exit codes: 0 ok, 2 usage (option, unknown muscle or coordinate name), 3 bad input (unreadable",
            "file, unsupported function, a selected muscle beyond an unsupported joint or over an unsupported",
            "wrap object, missing coordinate), 4 failed (cannot write).");

    @Override
    public String name() {
        return "opensim";
    }

    @Override
    public String description() {
        return "Read OpenSim models: list coordinates and muscles (info), muscle-tendon lengths, speeds and moment "
                + "arms from coordinates (lengths), static optimisation (so).";
    }

    /** A usage error. */
    static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? INVALID : OK;
        }
        try {
            return switch (args.get(0)) {
                case "info" -> info(args.subList(1, args.size()), out);
                case "lengths" -> lengths(args.subList(1, args.size()), out, err, cancel);
                case "so" -> so(args.subList(1, args.size()), out, err, cancel);
                default -> throw new Usage("unknown subcommand '" + args.get(0) + "' (info, lengths, so)");
            };
        } catch (Usage e) {
            err.println("myoflow: opensim: " + e.getMessage());
            err.println("Try 'myoflow opensim --help'.");
            return INVALID;
        } catch (DataException e) {
            err.println("myoflow: opensim: " + e.getMessage());
            return BAD_DATA;
        } catch (IOException e) {
            err.println("myoflow: opensim: cannot write: " + e.getMessage());
            return FAILED;
        } catch (IllegalStateException e) {
            // a static-optimisation row that did not converge (its message names the row's time)
            err.println("myoflow: opensim: " + e.getMessage());
            return FAILED;
        }
    }

    /** Parsed options. */
    static final class Options {
        final List<String> positional = new ArrayList<>();
        Path out;
        Path paths;
        Path muscleAnalysis;
        Path muscleAnalysisPrefix;
        Path moments;
        boolean momentArms;
        boolean allowMissing;
        boolean consistent;
        List<String> muscles;
        List<String> coordinates;
        OpenSimStaticOptimisation.Options so = OpenSimStaticOptimisation.Options.defaults();

        static Options parse(List<String> args, Set<String> allowed) throws Usage {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("--")) {
                    o.positional.add(a);
                    continue;
                }
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (!allowed.contains(name)) {
                    throw new Usage("unknown option " + name);
                }
                boolean takesValue = Set.of("--out", "--paths", "--muscles", "--coordinates", "--reserve",
                        "--min-activation", "--max-activation", "--start", "--end", "--stride",
                        "--activation-exponent", "--muscle-analysis", "--muscle-analysis-prefix", "--moments")
                        .contains(name);
                if (takesValue && value == null) {
                    if (i + 1 >= args.size()) {
                        throw new Usage(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                final String n = name;
                final String v = value;
                switch (name) {
                    case "--out" -> o.out = Path.of(value);
                    case "--paths" -> o.paths = Path.of(value);
                    case "--muscle-analysis" -> o.muscleAnalysis = Path.of(value);
                    case "--muscle-analysis-prefix" -> o.muscleAnalysisPrefix = Path.of(value);
                    case "--moments" -> o.moments = Path.of(value);
                    case "--muscles" -> o.muscles = list(value, name);
                    case "--coordinates" -> o.coordinates = list(value, name);
                    case "--moment-arms" -> o.momentArms = true;
                    case "--allow-missing" -> o.allowMissing = true;
                    case "--consistent-wrapping" -> o.consistent = true;
                    case "--no-force-length-velocity" -> o.so = o.so.withForceLengthVelocity(false);
                    case "--passive" -> o.so = o.so.withPassiveForce(true);
                    case "--reserve" -> o.so = soOption(() -> o.so.withReserveOptimalForce(number(n, v)));
                    case "--min-activation" -> o.so = soOption(
                            () -> o.so.withActivationBounds(number(n, v), o.so.maxActivation()));
                    case "--max-activation" -> o.so = soOption(
                            () -> o.so.withActivationBounds(o.so.minActivation(), number(n, v)));
                    case "--start" -> o.so = soOption(() -> o.so.withTimeRange(number(n, v), o.so.endTime()));
                    case "--end" -> o.so = soOption(() -> o.so.withTimeRange(o.so.startTime(), number(n, v)));
                    case "--stride" -> o.so = soOption(() -> o.so.withStride((int) integer(n, v)));
                    case "--activation-exponent" -> o.so = soOption(
                            () -> o.so.withActivationExponent(number(n, v)));
                    default -> throw new Usage("unknown option " + name);
                }
            }
            return o;
        }

        interface SoEdit {
            OpenSimStaticOptimisation.Options apply() throws Usage;
        }

        private static OpenSimStaticOptimisation.Options soOption(SoEdit e) throws Usage {
            try {
                return e.apply();
            } catch (IllegalArgumentException x) {
                throw new Usage(x.getMessage());
            }
        }

        private static double number(String option, String v) throws Usage {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new Usage(option + ": '" + v + "' is not a number");
            }
        }

        private static long integer(String option, String v) throws Usage {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new Usage(option + ": '" + v + "' is not an integer");
            }
        }

        private static List<String> list(String v, String option) throws Usage {
            List<String> out = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            if (out.isEmpty()) {
                throw new Usage(option + " needs at least one name");
            }
            return out;
        }
    }

    private static OpenSimModel load(Path model, Path paths) {
        if (!Files.isRegularFile(model)) {
            throw new DataException("model file " + model + " does not exist");
        }
        if (paths != null && !Files.isRegularFile(paths)) {
            throw new DataException("--paths file " + paths + " does not exist");
        }
        return paths == null ? OpenSimModel.read(model) : OpenSimModel.read(model, paths);
    }

    int info(List<String> args, PrintStream out) throws Usage {
        Options o = Options.parse(args, Set.of("--paths"));
        if (o.positional.size() != 1) {
            throw new Usage("info needs one MODEL.osim, got " + o.positional.size() + " file arguments");
        }
        OpenSimModel m = load(Path.of(o.positional.get(0)), o.paths);
        out.printf(Locale.ROOT, "model %s (%s)%n", m.name(), m.file());
        out.printf(Locale.ROOT, "coordinates (%d):%n", m.coordinates().size());
        for (Coordinate c : m.coordinates()) {
            String unit = c.motionType() == OpenSimModel.MotionType.TRANSLATIONAL ? "m" : "rad";
            out.printf(Locale.ROOT, "  %-22s joint %-18s %-13s default %g %s, range [%g, %g]%s%s%n", c.name(),
                    c.joint(), c.motionType().name().toLowerCase(Locale.ROOT), c.defaultValue(), unit, c.min(),
                    c.max(), c.locked() ? ", locked" : "",
                    c.dependent() ? ", coupled to " + String.join(" ", c.dependentOn()) : "");
        }
        out.printf(Locale.ROOT, "muscles (%d):%n", m.muscles().size());
        out.printf(Locale.ROOT, "  %-16s %-30s %9s %8s %8s %8s %6s %7s %7s  %s%n", "name", "type", "Fmax/N",
                "lopt/m", "lts/m", "penn/rad", "vmax", "tact/s", "tdeact", "path");
        for (Muscle mu : m.muscles()) {
            out.printf(Locale.ROOT, "  %-16s %-30s %9.1f %8.4f %8.4f %8.4f %6.1f %7.3f %7.3f  %s%n", mu.name(),
                    mu.type(), mu.maxIsometricForce(), mu.optimalFiberLength(), mu.tendonSlackLength(),
                    mu.pennationAngleAtOptimal(), mu.maxContractionVelocity(), mu.activationTimeConstant(),
                    mu.deactivationTimeConstant(), mu.path());
        }
        out.printf(Locale.ROOT, "not modelled (%d):%n", m.notModelled().size());
        for (String s : m.notModelled()) {
            out.println("  " + s);
        }
        return OK;
    }

    int lengths(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel)
            throws Usage, IOException {
        Options o = Options.parse(args, Set.of("--out", "--paths", "--muscles", "--coordinates", "--moment-arms",
                "--allow-missing", "--consistent-wrapping", "--muscle-analysis-prefix"));
        if (o.positional.size() != 2) {
            throw new Usage("lengths needs MODEL.osim and COORDINATES.mot|.sto, got " + o.positional.size()
                    + " file arguments");
        }
        if (o.out == null && o.muscleAnalysisPrefix == null) {
            throw new Usage("lengths needs --out FILE.sto (or --muscle-analysis-prefix PREFIX)");
        }
        Path coordinatesFile = Path.of(o.positional.get(1));
        OpenSimModel m = load(Path.of(o.positional.get(0)), o.paths).withConsistentWrapping(o.consistent);
        List<Integer> muscles = new ArrayList<>();
        if (o.muscles == null) {
            for (int i = 0; i < m.muscles().size(); i++) {
                muscles.add(i);
            }
        } else {
            for (String n : o.muscles) {
                int i = m.muscleIndex(n);
                if (i < 0) {
                    throw new Usage("--muscles: model " + m.name() + " has no muscle '" + n + "'");
                }
                muscles.add(i);
            }
        }
        for (int i : muscles) {
            Muscle mu = m.muscles().get(i);
            if (mu.problem() != null) {
                throw new DataException(m.file().getFileName() + ": " + mu.problem()
                        + (o.muscles == null ? " (select the other muscles with --muscles)" : ""));
            }
        }
        // speeds need the moment arms about every independent coordinate; --coordinates selects the files
        List<Integer> independent = new ArrayList<>();
        for (int i = 0; i < m.coordinates().size(); i++) {
            Coordinate c = m.coordinates().get(i);
            if (!c.dependent() && !c.locked()) {
                independent.add(i);
            }
        }
        List<Integer> coords = new ArrayList<>();
        if (o.coordinates == null) {
            coords.addAll(independent);
        } else {
            for (String n : o.coordinates) {
                int i = m.coordinateIndex(n);
                if (i < 0) {
                    throw new Usage("--coordinates: model " + m.name() + " has no coordinate '" + n + "'");
                }
                if (m.coordinates().get(i).dependent()) {
                    throw new Usage("--coordinates: " + n + " is set by a coupler constraint; take the moment arm "
                            + "about " + String.join(", ", m.coordinates().get(i).dependentOn()));
                }
                if (m.coordinates().get(i).locked()) {
                    throw new Usage("--coordinates: " + n + " is locked in the model");
                }
                coords.add(i);
            }
        }
        if (!Files.isRegularFile(coordinatesFile)) {
            throw new DataException("coordinates file " + coordinatesFile + " does not exist");
        }
        CoordinateTable t = CoordinateTable.read(coordinatesFile, m, o.allowMissing);
        int[] mi = muscles.stream().mapToInt(Integer::intValue).toArray();
        int[] ci = independent.stream().mapToInt(Integer::intValue).toArray();
        int rows = t.rows();
        double[][] lengths = new double[rows][];
        double[][] speeds = new double[rows][mi.length];
        double[][][] arms = new double[rows][][];
        for (int r = 0; r < rows; r++) {
            if (cancel.get()) {
                return CANCELLED;
            }
            double[] q = t.values(r);
            lengths[r] = m.lengths(mi, q);
            arms[r] = m.momentArms(mi, ci, q);
            double[] qd = t.speeds(r);
            for (int i = 0; i < mi.length; i++) {
                double s = 0;
                for (int j = 0; j < ci.length; j++) {
                    s -= arms[r][i][j] * qd[ci[j]];
                }
                speeds[r][i] = s;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i : mi) {
            names.add(m.muscles().get(i).name());
        }
        List<Path> written = new ArrayList<>();
        if (o.muscleAnalysisPrefix != null) {
            // OpenSim's MuscleAnalysis naming: columns are muscle names, one moment-arm file per coordinate
            Path p = o.muscleAnalysisPrefix;
            if (p.getFileName() == null) {
                throw new Usage("--muscle-analysis-prefix needs a file-name prefix, e.g. out/subject_MuscleAnalysis");
            }
            Path lf = MuscleAnalysis.lengthFile(p);
            write(lf, "Length", t, names, lengths);
            written.add(lf);
            for (int j = 0; j < ci.length; j++) {
                if (!coords.contains(ci[j])) {
                    continue;
                }
                double[][] table = new double[rows][mi.length];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < mi.length; i++) {
                        table[r][i] = arms[r][i][j];
                    }
                }
                String cn = m.coordinates().get(ci[j]).name();
                Path f = MuscleAnalysis.momentArmFile(p, cn);
                write(f, "MomentArm_" + cn, t, names, table);
                written.add(f);
            }
            if (o.out == null) {
                finishLengths(out, err, coordinatesFile, t, mi.length, m, written);
                return OK;
            }
        }
        write(o.out, "Lengths", t, names.stream().map(n -> "/forceset/" + n + "|length").toList(), lengths);
        written.add(o.out);
        Path speedFile = sibling(o.out, "_LengtheningSpeed");
        write(speedFile, "LengtheningSpeed", t,
                names.stream().map(n -> "/forceset/" + n + "|lengthening_speed").toList(), speeds);
        written.add(speedFile);
        if (o.momentArms) {
            for (int j = 0; j < ci.length; j++) {
                if (!coords.contains(ci[j])) {
                    continue;
                }
                double[][] table = new double[rows][mi.length];
                boolean spans = false;
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < mi.length; i++) {
                        table[r][i] = arms[r][i][j];
                        spans |= Math.abs(table[r][i]) > 1e-9;
                    }
                }
                if (!spans && o.coordinates == null) {
                    continue;
                }
                String cn = m.coordinates().get(ci[j]).name();
                Path f = sibling(o.out, "_MomentArm_" + cn);
                write(f, "MomentArm_" + cn, t, names, table);
                written.add(f);
            }
        }
        finishLengths(out, err, coordinatesFile, t, mi.length, m, written);
        return OK;
    }

    private static void finishLengths(PrintStream out, PrintStream err, Path coordinatesFile, CoordinateTable t,
            int muscles, OpenSimModel m, List<Path> written) {
        if (!t.missing().isEmpty()) {
            err.println("myoflow: opensim: " + coordinatesFile.getFileName() + " has no column for "
                    + String.join(", ", t.missing()) + ": kept at the model's default values");
        }
        out.printf(Locale.ROOT, "%d rows, %d muscles of %s; wrote %s%n", t.rows(), muscles, m.name(),
                String.join(", ", written.stream().map(Path::toString).toList()));
    }

    int so(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel) throws Usage, IOException {
        Options o = Options.parse(args, Set.of("--out", "--paths", "--allow-missing", "--reserve",
                "--no-force-length-velocity", "--passive", "--min-activation", "--max-activation", "--start", "--end",
                "--stride", "--muscles", "--coordinates", "--muscle-analysis", "--moments", "--activation-exponent"));
        int files = o.positional.size() + (o.moments != null ? 1 : 0);
        if (o.muscleAnalysis != null) {
            if (o.moments == null || o.positional.isEmpty() || o.positional.size() > 2) {
                throw new Usage("so --muscle-analysis needs MODEL.osim, optionally COORDINATES.mot|.sto, and "
                        + "--moments ID.sto");
            }
        } else if (files != 3 || o.positional.size() < 2) {
            throw new Usage("so needs MODEL.osim, COORDINATES.mot|.sto and ID.sto, got " + files
                    + " file arguments");
        }
        if (o.out == null) {
            throw new Usage("so needs --out FILE.sto");
        }
        OpenSimModel m = load(Path.of(o.positional.get(0)), o.paths);
        Path coordinatesFile = o.positional.size() > 1 ? Path.of(o.positional.get(1)) : null;
        Path idFile = o.moments != null ? o.moments : Path.of(o.positional.get(2));
        for (Path f : java.util.Arrays.asList(coordinatesFile, idFile)) {
            if (f != null && !Files.isRegularFile(f)) {
                throw new DataException((f == idFile ? "inverse-dynamics" : "coordinates") + " file " + f
                        + " does not exist");
            }
        }
        CoordinateTable t = coordinatesFile == null ? null : CoordinateTable.read(coordinatesFile, m, o.allowMissing);
        OpenSimStaticOptimisation.Moments id = OpenSimStaticOptimisation.Moments.read(idFile, m);
        List<String> soMuscles = o.muscles == null ? null : expandMuscles(m, o.muscles);
        if (o.coordinates != null) {
            for (String q : o.coordinates) {
                int i = m.coordinateIndex(q);
                if (i < 0) {
                    throw new Usage("--coordinates: model " + m.name() + " has no coordinate '" + q + "'");
                }
                if (m.coordinates().get(i).dependent() || m.coordinates().get(i).locked()) {
                    throw new Usage("--coordinates: " + q + " is locked or set by a coupler constraint");
                }
            }
        }
        OpenSimStaticOptimisation.Result r = o.muscleAnalysis != null
                ? OpenSimStaticOptimisation.solve(m, MuscleAnalysis.read(o.muscleAnalysis), t, id, o.so, soMuscles,
                        o.coordinates, cancel::get)
                : OpenSimStaticOptimisation.solve(m, t, id, o.so, soMuscles, o.coordinates, cancel::get);
        if (cancel.get()) {
            return CANCELLED;
        }
        List<Path> written = r.write(o.out);
        if (t != null && !t.missing().isEmpty()) {
            err.println("myoflow: opensim: " + coordinatesFile.getFileName() + " has no column for "
                    + String.join(", ", t.missing()) + ": kept at the model's default values and not balanced");
        }
        StringBuilder big = new StringBuilder();
        for (int j = 0; j < r.coordinates().size(); j++) {
            if (r.constrained()[j]) {
                String q = r.coordinates().get(j);
                big.append(String.format(Locale.ROOT, " %s %.3g", q, r.reserveRms(q)));
            }
        }
        out.printf(Locale.ROOT, "%d rows, %d muscles of %s; reserve rms at the muscle-driven coordinates:%s;"
                + " wrote %s%n", r.time().length, r.muscles().size(), m.name(), big,
                String.join(", ", written.stream().map(Path::toString).toList()));
        return OK;
    }

    /** Muscle names, where a name with '*' selects every model muscle it matches (e.g. {@code *_r}). */
    static List<String> expandMuscles(OpenSimModel m, List<String> names) throws Usage {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.contains("*")) {
                String regex = java.util.regex.Pattern.quote(n).replace("*", "\\E.*\\Q");
                int before = out.size();
                for (Muscle mu : m.muscles()) {
                    if (mu.name().matches(regex) && !out.contains(mu.name())) {
                        out.add(mu.name());
                    }
                }
                if (out.size() == before) {
                    throw new Usage("--muscles: no muscle of model " + m.name() + " matches '" + n + "'");
                }
            } else {
                if (m.muscleIndex(n) < 0) {
                    throw new Usage("--muscles: model " + m.name() + " has no muscle '" + n + "'");
                }
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    static Path sibling(Path out, String suffix) {
        String f = out.getFileName().toString();
        int dot = f.lastIndexOf('.');
        String stem = dot > 0 ? f.substring(0, dot) : f;
        String ext = dot > 0 ? f.substring(dot) : ".sto";
        return out.resolveSibling(stem + suffix + ext);
    }

    /** Writes an OpenSim storage file (version 1 header, tab-separated, full precision). */
    static void write(Path file, String name, CoordinateTable t, List<String> labels, double[][] data)
            throws IOException {
        Set<String> unique = new LinkedHashSet<>(labels);
        if (unique.size() != labels.size()) {
            throw new IllegalArgumentException("duplicate column labels");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(name).append('\n');
        sb.append("version=1\n");
        sb.append("nRows=").append(data.length).append('\n');
        sb.append("nColumns=").append(labels.size() + 1).append('\n');
        sb.append("inDegrees=no\n");
        sb.append("endheader\n");
        sb.append("time");
        for (String l : labels) {
            sb.append('\t').append(l);
        }
        sb.append('\n');
        for (int r = 0; r < data.length; r++) {
            sb.append(t.time(r));
            for (double v : data[r]) {
                sb.append('\t').append(v);
            }
            sb.append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
