package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.surrogate.CylindricalConditions;
import org.myoflow.surrogate.CylindricalSurrogateConfig;
import org.myoflow.surrogate.CylindricalSurrogateModel;
import org.myoflow.surrogate.CylindricalSurrogateTraining;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.surrogate.cylindrical-surrogate-muap-bank}: the MUAP bank of a seeded anatomy on a limb
 * from the cylindrical neural surrogate instead of the numerical cylindrical conductor. Same output type and the
 * same units for the same anatomy parameters and seed as {@code org.myoflow.conductor.cylindrical-muap-bank}, so a
 * pipeline switches by changing this one node. The parameters are checked against the model's condition ranges
 * before anything runs (a problem names the parameter), and every unit again when it is predicted.
 */
@Component(service = StepProvider.class)
public final class CylindricalSurrogateMuapBankStep implements StepProvider {

    public static final String ID = "org.myoflow.surrogate.cylindrical-surrogate-muap-bank";

    /** Where ./myoflow models and train point when the model is missing. */
    private static final String HINT = SurrogateSteps.hint(CylindricalSurrogateTraining.NAME, "the shipped one");

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP bank (cylindrical neural surrogate)")
            .category("Simulation/Volume conductor")
            .description("Predicts the MUAPs of a seeded motor-unit anatomy on a cylindrical limb with a trained "
                    + "cylindrical MUAP surrogate from the model registry (BioMime's idea on the conductor of "
                    + "Farina et al. 2004: conditioned on fibre count, depth, angle around the limb, innervation "
                    + "zone, conduction velocity, length and fat thickness). The units are drawn as the numerical "
                    + "cylindrical step draws them (sector under the array); the model's card fixes conductor, "
                    + "array and sampling. Parameters and units outside the model's ranges are refused.")
            .reference(SurrogateMuapBankStep.BIOMIME)
            .output("muaps", DataTypes.MUAP_BANK, "MUAP bank of units MU1..MUn (mV)")
            .settings(CylindricalSurrogateMuapSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return CylindricalSurrogateMuapBankStep::run;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        CylindricalSurrogateMuapSettings s = context.settings(CylindricalSurrogateMuapSettings.class);
        checkModel(context, s, s.lengthRange());
        return SurrogateSteps.output(DataTypes.MUAP_BANK, s.units);
    }

    /**
     * Problems on 'model' when the registry lacks it or it is no cylindrical surrogate; else the parameters whose
     * values take the units outside the model's condition ranges, each named.
     */
    static void checkModel(ConfigureContext context, CylindricalSurrogateMuapSettings s, double[] lengths) {
        CylindricalSurrogateConfig config = SurrogateSteps.card(context, s.model.strip(),
                CylindricalSurrogateModel.TASK, "cylindrical MUAP surrogate", HINT,
                card -> CylindricalSurrogateConfig.fromJson(card.config()));
        if (config == null || !s.check().isEmpty()) {
            return; // the engine reports those
        }
        for (ParameterRange p : problems(s, config, lengths)) {
            context.parameterProblem(p.parameter(), p.message());
        }
    }

    /** A parameter whose value leaves the model's ranges. */
    record ParameterRange(String parameter, String message) {
    }

    /**
     * The parameters whose values take some unit outside the model's condition ranges (at the normalised lengths
     * lengths[0] … lengths[1]; null when unknown before running).
     */
    static List<ParameterRange> problems(CylindricalSurrogateMuapSettings s, CylindricalSurrogateConfig config,
            double[] lengths) {
        List<ParameterRange> out = new ArrayList<>();
        CylindricalConditions.Ranges r = config.ranges();
        String model = "model '" + s.model.strip() + "'";
        var fat = r.get("fatMm");
        if (!fat.contains(s.fatThickness)) {
            out.add(new ParameterRange("fatThickness", String.format(Locale.ROOT, "fatThickness %s mm is outside "
                    + "the range %s was trained for [%s, %s] mm", f(s.fatThickness), model, f(fat.min()),
                    f(fat.max()))));
        }
        var fib = r.get("logFibres");
        if (Math.log(s.minFibres) < fib.min() - 1e-9) {
            out.add(new ParameterRange("minFibres", String.format(Locale.ROOT, "minFibres %d is below the %d "
                    + "fibres %s was trained for", s.minFibres, Math.round(Math.exp(fib.min())), model)));
        }
        if (Math.log(s.maxFibres) > fib.max() + 1e-9) {
            out.add(new ParameterRange("maxFibres", String.format(Locale.ROOT, "maxFibres %d exceeds the %d "
                    + "fibres %s was trained for", s.maxFibres, Math.round(Math.exp(fib.max())), model)));
        }
        double sLo = lengths == null ? 1 : lengths[0];
        double sHi = lengths == null ? 1 : lengths[1];
        var len = r.get("lengthScale");
        if (lengths != null && (sLo < len.min() || sHi > len.max())) {
            out.add(new ParameterRange("lengthAmplitude", String.format(Locale.ROOT, "the length profile reaches "
                    + "normalised lengths %s..%s, outside the range %s was trained for [%s, %s]", f(sLo), f(sHi),
                    model, f(len.min()), f(len.max()))));
        }
        var cv = r.get("cvMPerS");
        double cvLo = (s.cvMean - s.cvSpread / 2) / sHi;
        double cvHi = (s.cvMean + s.cvSpread / 2) / sLo;
        if (cvLo < cv.min() - 1e-9 || cvHi > cv.max() + 1e-9) {
            out.add(new ParameterRange(cvLo < cv.min() - 1e-9 && s.cvMean >= cv.min() ? "cvSpread" : "cvMean",
                    String.format(Locale.ROOT, "cvMean %s +/- cvSpread/2 %s m/s gives conduction velocities "
                            + "%s..%s m/s%s, outside the range %s was trained for [%s, %s] m/s", f(s.cvMean),
                            f(s.cvSpread / 2), f(cvLo), f(cvHi), sLo == 1 && sHi == 1 ? "" : " over the lengths",
                            model, f(cv.min()), f(cv.max()))));
        }
        double rMin = Math.sqrt(s.minFibres / (Math.PI * s.fibreDensity));
        double rm = config.muscleRadiusMm();
        var angle = r.get("angleDeg");
        double maxAngle = Math.toDegrees(Math.max(0, s.muscleWidth / 2 - rMin) / rm);
        if (maxAngle > Math.min(-angle.min(), angle.max()) + 1e-9) {
            out.add(new ParameterRange("muscleWidth", String.format(Locale.ROOT, "muscleWidth %s mm of arc puts "
                    + "units up to %s deg from the array centre (muscle radius %s mm), outside the range %s was "
                    + "trained for [%s, %s] deg", f(s.muscleWidth), f(maxAngle), f(rm), model, f(angle.min()),
                    f(angle.max()))));
        }
        var depth = r.get("depthMm");
        double maxDepth = Math.max(s.muscleDepth / 2, s.muscleDepth - rMin) / Math.sqrt(sLo);
        if (maxDepth > depth.max() + 1e-9) {
            out.add(new ParameterRange("muscleDepth", String.format(Locale.ROOT, "muscleDepth %s mm puts unit "
                    + "centres up to %s mm deep, outside the range %s was trained for [%s, %s] mm",
                    f(s.muscleDepth), f(maxDepth), model, f(depth.min()), f(depth.max()))));
        }
        var iz = r.get("izMm");
        double maxIz = sHi * s.izSpread * 3 / 8; // unit IZ within +/- izSpread/4, its fibres' mean a little beyond
        if (maxIz > Math.min(-iz.min(), iz.max()) + 1e-9) {
            out.add(new ParameterRange("izSpread", String.format(Locale.ROOT, "izSpread %s mm puts innervation "
                    + "zones up to %s mm from the array centre, outside the range %s was trained for [%s, %s] mm",
                    f(s.izSpread), f(maxIz), model, f(iz.min()), f(iz.max()))));
        }
        return out;
    }

    private static String f(double x) {
        return CylindricalConditions.Ranges.fmt(x);
    }

    /** The named model; a missing or mismatched one is bad input of this node (exit code 3). */
    static CylindricalSurrogateModel loadModel(StepContext context, String name) {
        return SurrogateSteps.load(() -> CylindricalSurrogateModel.load(context, name), HINT);
    }

    /**
     * The conditions of every unit of the anatomy at normalised length s: fibre count, territory-centre depth, the
     * angle x/R_m of its centre from the array centre, mean fibre IZ, CV, s and the fat thickness.
     */
    static List<CylindricalConditions> conditions(MotorUnitAnatomy anatomy, double s, double muscleRadiusMm,
            double fatMm, List<String> where, String at) {
        List<CylindricalConditions> out = new ArrayList<>();
        MotorUnitAnatomy a = s == 1 ? anatomy : anatomy.stretched(s);
        for (int i = 0; i < a.units().size(); i++) {
            MotorUnitAnatomy.Unit u = a.units().get(i);
            double iz = 0;
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                iz += f.izMm();
            }
            iz /= Math.max(1, u.fibres().size());
            out.add(new CylindricalConditions(Math.log(u.fibres().size()), u.centreDepthMm(),
                    Math.toDegrees(u.centreXMm() / muscleRadiusMm), iz, u.cvMPerS(), s, fatMm));
            where.add(SurrogateSteps.unit(i, at));
        }
        return out;
    }

    /** Throws IllegalArgumentException naming every parameter outside the model's ranges. */
    static void checkRanges(CylindricalSurrogateMuapSettings s, CylindricalSurrogateConfig config, double[] lengths) {
        List<ParameterRange> p = problems(s, config, lengths);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + p.stream()
                    .map(x -> x.parameter() + ": " + x.message()).toList());
        }
    }

    static void checkSettings(CylindricalSurrogateMuapSettings s) {
        SurrogateSteps.checkSettings(s);
    }

    private static void run(StepContext context) {
        CylindricalSurrogateMuapSettings s = context.settings(CylindricalSurrogateMuapSettings.class);
        checkSettings(s);
        context.progress().update(0, "loading model " + s.model);
        CylindricalSurrogateModel model = loadModel(context, s.model);
        checkRanges(s, model.config(), s.lengthRange());
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        List<String> where = new ArrayList<>();
        List<CylindricalConditions> c = conditions(anatomy, 1, model.config().muscleRadiusMm(), s.fatThickness,
                where, "");
        context.progress().update(0.2, "surrogate inference for " + c.size() + " units");
        MuapBank bank = model.bank(c, where, s.montage);
        context.output("muaps", bank);
        context.progress().update(1, "done");
    }
}
