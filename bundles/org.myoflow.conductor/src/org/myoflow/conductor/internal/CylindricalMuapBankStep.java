package org.myoflow.conductor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.FibreSource;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.conductor.cylindrical-muap-bank}: MUAPs of a seeded motor-unit anatomy at an electrode
 * array on a cylindrical limb (bone, anisotropic muscle, fat, skin; Farina, Mesin, Martina &amp; Merletti 2004).
 * The anatomy is the planar step's ({@link MotorUnitAnatomy}), placed in an annular sector of the muscle under the
 * array (see {@link CylindricalMuapBankSettings}); fibres are parallel to the limb axis. One
 * {@link CylindricalLayeredConductor.Detection} table serves the whole bank; every fibre then costs one
 * {@code Projection.accumulate} (its exact depth factor, one angular sum per array column, one FFT per two
 * columns and its node values (P2)), summed into its unit, and every unit one {@code render} (P1). Fibres are
 * accumulated in fixed chunks in parallel and the chunks summed in order, so the result does not depend on the
 * thread schedule.
 */
@Component(service = StepProvider.class)
public final class CylindricalMuapBankStep implements StepProvider {

    public static final String ID = "org.myoflow.conductor.cylindrical-muap-bank";

    static final String FARINA_ET_AL_2004_TBME = "Farina D, Mesin L, Martina S, Merletti R (2004) A surface EMG "
            + "generation model with multilayer cylindrical description of the volume conductor. IEEE Trans Biomed "
            + "Eng 51(3):415-426";

    /** Fibres summed sequentially per parallel task. */
    static final int CHUNK = 16;

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP bank (cylindrical multi-layer conductor)")
            .category("Simulation/Volume conductor")
            .description("Simulates the action potentials of a seeded motor-unit anatomy (as the planar step: "
                    + "exponential fibre counts, circular territories, innervation-zone and fibre-length spread, CV "
                    + "rising with size) at a grid of circular electrodes on a cylindrical limb: optional bone, "
                    + "anisotropic muscle, fat and skin (Farina et al. 2004). The territories lie in an annular "
                    + "sector under the array: muscleWidth is its arc at the muscle surface, muscleDepth its radial "
                    + "extent; fibres run parallel to the limb axis. arrayCentreAcross is an arc on the skin from "
                    + "placementAngle. Sample 0 is the discharge at the innervation zone; amplitudes in mV.")
            .reference(FARINA_ET_AL_2004_TBME)
            .reference(PlanarMuapBankStep.FARINA_MERLETTI_2001_JEK)
            .reference(PlanarMuapBankStep.ROSENFALCK_1969)
            .output("muaps", DataTypes.MUAP_BANK, "MUAPs of units MU1..MUn (smallest first) at every channel "
                    + "of the montage")
            .settings(CylindricalMuapBankSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return CylindricalMuapBankStep::run;
    }

    /** n units (the units parameter) at the channels of the montage, in mV at the set rate. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        CylindricalMuapBankSettings s = context.settings(CylindricalMuapBankSettings.class);
        DataSpec spec = PlanarMuapBankStep.bankSpec(DataTypes.MUAP_BANK, s, s.array());
        PlanarMuapBankStep.reportSize(context, "muaps", spec, s, 1);
        return Map.of("muaps", spec);
    }

    private static void run(StepContext context) {
        CylindricalMuapBankSettings s = context.settings(CylindricalMuapBankSettings.class);
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Progress progress = context.progress();
        progress.update(0, "anatomy");
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        CylindricalLayeredConductor conductor = s.conductor();
        ElectrodeArray array = s.array();
        double theta = Math.toRadians(s.placementAngle);
        double[][] zTheta = conductor.onSkin(array.positions(), theta);
        int samples = (int) Math.max(1, Math.round(s.muapDuration * s.samplingRate));
        int nz = zPoints(anatomy, zTheta, s.gridSpacing);
        progress.update(0.05, "volume-conductor table");
        CylindricalLayeredConductor.Detection detection = conductor.detection(nz, s.gridSpacing, s.thetaPoints,
                array.radiusMm());
        progress.checkCancelled();
        int total = anatomy.totalFibres();
        Object lock = new Object();
        double[][][] mono = monopolar(detection, anatomy, theta, zTheta, s.samplingRate, samples, done -> {
            synchronized (lock) {
                progress.checkCancelled();
                progress.update(0.1 + 0.9 * done / total, done + " of " + total + " fibres");
            }
        });
        ElectrodeArray.Derivation der = array.derive(s.montage);
        double[][][] muaps = new double[mono.length][][];
        for (int u = 0; u < mono.length; u++) {
            muaps[u] = der.apply(mono[u]);
        }
        context.output("muaps", new MuapBank(muaps, s.samplingRate, 0, der.labels(), null, der.positions(),
                der.rows(), der.cols(), "mV", s.montage.label()));
        progress.update(1, "done");
    }

    /**
     * The exact monopolar MUAPs [unit][electrode][sample] of the anatomy stretched to a normalised length (as the
     * planar series: {@link MotorUnitAnatomy#stretched}), one detection table for every length in [lo, hi] (z points
     * for the anatomy at both ends of the range). For the dynamic case of {@code bench synthesis}.
     */
    static java.util.function.DoubleFunction<double[][][]> monopolarAtLength(CylindricalMuapBankSettings s,
            MotorUnitAnatomy anatomy, double lo, double hi) {
        CylindricalLayeredConductor conductor = s.conductor();
        double theta = Math.toRadians(s.placementAngle);
        double[][] zTheta = conductor.onSkin(s.array().positions(), theta);
        int samples = (int) Math.max(1, Math.round(s.muapDuration * s.samplingRate));
        int nz = Math.max(zPoints(anatomy.stretched(lo), zTheta, s.gridSpacing),
                zPoints(anatomy.stretched(hi), zTheta, s.gridSpacing));
        CylindricalLayeredConductor.Detection detection = conductor.detection(nz, s.gridSpacing, s.thetaPoints,
                s.array().radiusMm());
        return len -> monopolar(detection, anatomy.stretched(len), theta, zTheta, s.samplingRate, samples, null);
    }

    /** The z points for the anatomy's fibres: {@link CylindricalLayeredConductor#zPointsFor}. */
    static int zPoints(MotorUnitAnatomy anatomy, double[][] zTheta, double dzMm) {
        List<double[]> extents = new ArrayList<>();
        for (MotorUnitAnatomy.Unit u : anatomy.units()) {
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                extents.add(new double[] { f.izMm() - f.leftSemiLengthMm(), f.izMm() + f.rightSemiLengthMm() });
            }
        }
        return CylindricalLayeredConductor.zPointsFor(zTheta, extents.toArray(new double[0][]), dzMm);
    }

    /**
     * Monopolar potentials [unit][electrode][sample] in mV of the anatomy placed in the sector centred on
     * thetaCentreRad (fibre at x, depth d → ρ = R_m − d, θ = θc + x/R_m): the fibres' node values (P2) are
     * accumulated in fixed chunks in parallel, summed per unit in chunk order, and each unit is rendered once (P1).
     *
     * @param fibresDone called with the running count of fibres done (from pool threads), may be null
     */
    static double[][][] monopolar(CylindricalLayeredConductor.Detection detection, MotorUnitAnatomy anatomy,
            double thetaCentreRad, double[][] zTheta, double fsHz, int samples, IntConsumer fibresDone) {
        List<MotorUnitAnatomy.Unit> units = anatomy.units();
        double maxL = maxSemiLength(units);
        List<int[]> tasks = new ArrayList<>(); // {unit, first fibre}
        for (int u = 0; u < units.size(); u++) {
            for (int f = 0; f < units.get(u).fibres().size(); f += CHUNK) {
                tasks.add(new int[] { u, f });
            }
        }
        double[][][] partial = new double[tasks.size()][][];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, tasks.size()).parallel().forEach(t -> {
            MotorUnitAnatomy.Unit unit = units.get(tasks.get(t)[0]);
            int from = tasks.get(t)[1];
            int to = Math.min(unit.fibres().size(), from + CHUNK);
            CylindricalLayeredConductor.Detection.Projection p = detection.projection(zTheta, maxL);
            double[][] d = p.newAccumulator();
            accumulate(p, d, unit, from, to, thetaCentreRad);
            partial[t] = d;
            int n = done.addAndGet(to - from);
            if (fibresDone != null) {
                fibresDone.accept(n);
            }
        });
        CylindricalLayeredConductor.Detection.Projection p = detection.projection(zTheta, maxL);
        double[][][] sums = new double[units.size()][][];
        for (int u = 0; u < units.size(); u++) {
            sums[u] = p.newAccumulator();
        }
        for (int t = 0; t < tasks.size(); t++) {
            add(sums[tasks.get(t)[0]], partial[t]);
        }
        double[][][] out = new double[units.size()][][];
        IntStream.range(0, units.size()).parallel().forEach(u -> out[u] = p.render(sums[u], units.get(u).cvMPerS(),
                fsHz, samples, 0));
        return out;
    }

    /** One unit's monopolar potentials [electrode][sample], mV: its fibres accumulated in order, rendered once. */
    static double[][] unitPotentials(CylindricalLayeredConductor.Detection detection, MotorUnitAnatomy.Unit unit,
            double thetaCentreRad, double[][] zTheta, double fsHz, int samples) {
        CylindricalLayeredConductor.Detection.Projection p = detection.projection(zTheta,
                maxSemiLength(List.of(unit)));
        double[][] d = p.newAccumulator();
        accumulate(p, d, unit, 0, unit.fibres().size(), thetaCentreRad);
        return p.render(d, unit.cvMPerS(), fsHz, samples, 0);
    }

    private static double maxSemiLength(List<MotorUnitAnatomy.Unit> units) {
        double maxL = 0;
        for (MotorUnitAnatomy.Unit u : units) {
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                maxL = Math.max(maxL, Math.max(f.rightSemiLengthMm(), f.leftSemiLengthMm()));
            }
        }
        return maxL;
    }

    private static void accumulate(CylindricalLayeredConductor.Detection.Projection p, double[][] d,
            MotorUnitAnatomy.Unit unit, int from, int to, double thetaCentreRad) {
        CylindricalLayeredConductor c = p.detection().conductor();
        double rm = c.muscleRadiusMm();
        for (int i = from; i < to; i++) {
            MotorUnitAnatomy.Fibre f = unit.fibres().get(i);
            double rho = Math.max(c.boneRadiusMm(), Math.min(rm, rm - f.depthMm()));
            double th = thetaCentreRad + f.xMm() / rm;
            p.accumulate(d, new FibreSource(f.izMm(), f.rightSemiLengthMm(), f.leftSemiLengthMm(), unit.cvMPerS()),
                    rho, th);
        }
    }

    private static void add(double[][] acc, double[][] x) {
        for (int e = 0; e < acc.length; e++) {
            double[] a = acc[e];
            double[] b = x[e];
            for (int s = 0; s < a.length; s++) {
                a[s] += b[s];
            }
        }
    }
}
