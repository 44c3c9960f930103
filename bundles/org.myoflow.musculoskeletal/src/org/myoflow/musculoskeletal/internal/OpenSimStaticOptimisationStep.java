package org.myoflow.musculoskeletal.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.MuscleAnalysis;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation.Moments;
import org.osgi.service.component.annotations.Component;

/**
 * OpenSim's StaticOptimization over all coordinates of an {@code .osim} model, from a coordinates file and an
 * inverse-dynamics file ({@link OpenSimStaticOptimisation}); outputs the activations (one channel per muscle) and
 * the reserve generalised forces (one channel per independent, unlocked coordinate).
 */
@Component(service = StepProvider.class)
public final class OpenSimStaticOptimisationStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.musculoskeletal.opensim-static-optimisation";

    /** The empty path: no function-based path set (a null default would make the parameter required). */
    static final Path NONE = Path.of("");

    /** Parameters. */
    public static final class Settings {
        @Param(description = "OpenSim model (.osim, 3.x or 4.x)", required = true)
        public Path model;

        @Param(description = "Optional OpenSim 4.5 FunctionBasedPath set replacing the muscles' paths (empty: the "
                + "model's own paths)")
        public Path paths = NONE;

        @Param(description = "Coordinates over time (.mot of coordinate names or a states .sto); optional with "
                + "muscleAnalysis (then it gives the lengthening speeds with the moment arms; empty: central "
                + "differences of the lengths)")
        public Path coordinates = NONE;

        @Param(description = "OpenSim MuscleAnalysis outputs replacing the model's muscle paths: the "
                + "<prefix>_Length.sto file; its <prefix>_MomentArm_<coordinate>.sto siblings give the moment arms "
                + "(empty: lengths and moment arms from the model)")
        public Path muscleAnalysis = NONE;

        @Param(description = "Inverse-dynamics generalised forces (.sto with <coordinate>_moment / _force "
                + "columns, as OpenSim's InverseDynamicsTool writes them)", required = true)
        public Path moments;

        @Param(description = "Optimal force R of every coordinate's reserve actuator (cost (reserve/R)²)",
                unit = "N·m", min = 1e-9)
        public double reserveOptimalForce = 1;

        @Param(description = "Scale muscle force by Thelen force-length-velocity curves (OpenSim's "
                + "use_model_force_length_velocity); false: force = activation·F0")
        public boolean forceLengthVelocity = true;

        @Param(description = "Add the muscles' passive fibre force (with forceLengthVelocity); OpenSim's "
                + "StaticOptimization leaves it out")
        public boolean passiveForce = false;

        @Param(description = "Lower activation bound", min = 0, max = 0.99)
        public double minActivation = 0;

        @Param(description = "Upper activation bound", min = 0.01, max = 1)
        public double maxActivation = 1;

        @Param(description = "Activation exponent p of the muscle cost Σa^p (OpenSim's activation_exponent); "
                + "2: exact quadratic programme, larger p spreads activation more evenly across muscles",
                min = 2, max = 1000)
        public double activationExponent = 2;

        @Param(description = "Use every stride-th row of the coordinates file", min = 1, max = 100000)
        public int stride = 1;

        @Param(description = "Keep model coordinates the coordinates file lacks at their defaults (unbalanced); "
                + "false: a missing coordinate is an error naming it")
        public boolean allowMissing = false;

        @Param(description = "Muscles to use, comma-separated; '*' matches any text (e.g. *_r for one leg); "
                + "empty: all muscles of the model")
        public String muscles = "";

        @Param(description = "Coordinates whose moments are balanced, comma-separated (e.g. hip_flexion_r,"
                + "knee_angle_r,ankle_angle_r); the moments file needs only their columns. Empty: every "
                + "independent, unlocked coordinate")
        public String balancedCoordinates = "";
    }

    /** The selected muscle names (null: all): comma-separated names, '*' matching any text. */
    static List<String> muscles(OpenSimModel m, String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String n = raw.strip();
            if (n.isEmpty()) {
                continue;
            }
            String regex = java.util.regex.Pattern.quote(n).replace("*", "\\E.*\\Q");
            int before = out.size();
            for (OpenSimModel.Muscle mu : m.muscles()) {
                if (mu.name().matches(regex) && !out.contains(mu.name())) {
                    out.add(mu.name());
                }
            }
            if (out.size() == before) {
                throw new DataException("model " + m.name() + " has no muscle " + (n.contains("*") ? "matching " : "")
                        + "'" + n + "'");
            }
        }
        return out;
    }

    /** The balanced coordinate names (null: all). */
    static List<String> coordinates(OpenSimModel m, String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String n = raw.strip();
            if (n.isEmpty()) {
                continue;
            }
            int i = m.coordinateIndex(n);
            if (i < 0) {
                throw new DataException("model " + m.name() + " has no coordinate '" + n + "'");
            }
            if (m.coordinates().get(i).dependent() || m.coordinates().get(i).locked()) {
                throw new DataException("coordinate " + n + " is locked or set by a coupler constraint");
            }
            out.add(n);
        }
        return out;
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("OpenSim static optimisation")
            .category("Musculoskeletal")
            .description("OpenSim's StaticOptimization: per row of the coordinates file, the activations "
                    + "minimising Σa^p (p = activationExponent, default 2) + Σ(reserve/R)² such that the muscles "
                    + "(rigid tendon, Thelen force-length-velocity) plus one reserve actuator per coordinate produce the "
                    + "inverse-dynamics moment of every independent, unlocked coordinate.")
            .reference(MskSteps.CROWNINSHIELD_1981)
            .reference(MskSteps.THELEN_2003)
            .reference("Delp SL et al. (2007) OpenSim: open-source software to create and analyze dynamic "
                    + "simulations of movement. IEEE Trans Biomed Eng 54(11):1940-1950")
            .output("activation", DataTypes.SIGNAL, "Activation in [minActivation, maxActivation], one channel per "
                    + "muscle of the model")
            .output("reserve", DataTypes.SIGNAL, "Reserve generalised force per independent, unlocked coordinate "
                    + "(N·m, or N for translational coordinates); 0 for a coordinate missing from both files")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return OpenSimStaticOptimisationStep::run;
    }

    /**
     * Reads the model (not the data files) to declare one activation channel per muscle and one reserve channel
     * per independent, unlocked coordinate; a missing file or a model that cannot be read is a parameter problem.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        DataSpec act = DataSpec.ofType(DataTypes.SIGNAL).withQuantity("activation");
        DataSpec res = DataSpec.ofType(DataTypes.SIGNAL).withQuantity("torque");
        boolean filesOk = true;
        if (!given(s.coordinates) && !given(s.muscleAnalysis)) {
            context.parameterProblem("coordinates", "needs a coordinates file (or MuscleAnalysis outputs in "
                    + "parameter muscleAnalysis)");
            filesOk = false;
        }
        for (String p : List.of("model", "coordinates", "moments", "paths", "muscleAnalysis")) {
            Path f = switch (p) {
                case "model" -> s.model;
                case "coordinates" -> given(s.coordinates) ? s.coordinates : null;
                case "moments" -> s.moments;
                case "muscleAnalysis" -> given(s.muscleAnalysis) ? s.muscleAnalysis : null;
                default -> hasPaths(s) ? s.paths : null;
            };
            if (f != null && !Files.isRegularFile(f)) {
                context.parameterProblem(p, "file " + f + " does not exist");
                filesOk = false;
            }
        }
        if (!(s.maxActivation > s.minActivation)) {
            context.parameterProblem("maxActivation", "must be above minActivation " + s.minActivation);
        }
        if (!filesOk || s.model == null) {
            return Map.of("activation", act, "reserve", res);
        }
        try {
            OpenSimModel m = load(s);
            List<String> muscles = m.muscles().stream().map(OpenSimModel.Muscle::name).toList();
            List<String> coords = new ArrayList<>();
            for (OpenSimModel.Coordinate c : m.coordinates()) {
                if (!c.dependent() && !c.locked()) {
                    coords.add(c.name());
                }
            }
            try {
                List<String> sel = muscles(m, s.muscles);
                muscles = sel == null ? muscles : sel;
            } catch (DataException e) {
                context.parameterProblem("muscles", e.getMessage());
            }
            if (given(s.muscleAnalysis) && (s.muscles == null || s.muscles.isBlank())) {
                try { // the model's muscles that the MuscleAnalysis lengths file has
                    List<String> inFile = MuscleAnalysis.read(s.muscleAnalysis).muscles();
                    muscles = muscles.stream().filter(inFile::contains).toList();
                } catch (DataException e) {
                    context.parameterProblem("muscleAnalysis", e.getMessage());
                }
            }
            try {
                List<String> sel = coordinates(m, s.balancedCoordinates);
                if (sel != null) {
                    coords.retainAll(sel);
                }
            } catch (DataException e) {
                context.parameterProblem("balancedCoordinates", e.getMessage());
            }
            act = act.withChannels(muscles, muscles.stream().map(x -> "").toList());
            res = res.withChannels(coords);
        } catch (DataException e) {
            context.parameterProblem("model", e.getMessage());
        }
        return Map.of("activation", act, "reserve", res);
    }

    private static boolean hasPaths(Settings s) {
        return given(s.paths);
    }

    private static boolean given(Path p) {
        return p != null && !p.toString().isEmpty();
    }

    private static OpenSimModel load(Settings s) {
        return hasPaths(s) ? OpenSimModel.read(s.model, s.paths) : OpenSimModel.read(s.model);
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        context.progress().update(0, "reading " + s.model.getFileName());
        OpenSimModel m = load(s);
        CoordinateTable t = given(s.coordinates) ? CoordinateTable.read(s.coordinates, m, s.allowMissing) : null;
        MuscleAnalysis ma = given(s.muscleAnalysis) ? MuscleAnalysis.read(s.muscleAnalysis) : null;
        Moments id = Moments.read(s.moments, m);
        OpenSimStaticOptimisation.Options o = OpenSimStaticOptimisation.Options.defaults()
                .withReserveOptimalForce(s.reserveOptimalForce).withForceLengthVelocity(s.forceLengthVelocity)
                .withPassiveForce(s.passiveForce)
                .withActivationBounds(s.minActivation, s.maxActivation).withStride(s.stride)
                .withActivationExponent(s.activationExponent);
        context.progress().update(0.05, "static optimisation over " + (ma != null ? ma.rows() : t.rows())
                + " rows");
        List<String> balanced = coordinates(m, s.balancedCoordinates);
        OpenSimStaticOptimisation.Result r = ma != null
                ? OpenSimStaticOptimisation.solve(m, ma, t, id, o, muscles(m, s.muscles), balanced,
                        context.progress()::isCancelled)
                : OpenSimStaticOptimisation.solve(m, t, id, o, muscles(m, s.muscles), balanced,
                        context.progress()::isCancelled);
        context.progress().checkCancelled();
        double[] time = r.time();
        double rate = time.length > 1 ? (time.length - 1) / (time[time.length - 1] - time[0]) : 1;
        for (int k = 1; k < time.length; k++) {
            double dt = time[k] - time[k - 1];
            if (Math.abs(dt * rate - 1) > 1e-3) {
                throw new DataException((ma != null ? MuscleAnalysis.lengthFile(ma.prefix()) : s.coordinates)
                        .getFileName() + ": rows are not evenly spaced in time (step "
                        + dt + " s at " + time[k] + " s, mean " + 1 / rate + " s); a signal needs a constant rate");
            }
        }
        Signal.Builder a = Signal.builder(rate).startTime(time[0]).quantity("activation");
        for (int i = 0; i < r.muscles().size(); i++) {
            a.channel(r.muscles().get(i), "", column(r.activations(), i));
        }
        // every declared coordinate; one left out of the optimisation (missing from both files) gets 0
        Signal.Builder res = Signal.builder(rate).startTime(time[0]).quantity("torque");
        for (OpenSimModel.Coordinate c : m.coordinates()) {
            if (c.dependent() || c.locked() || (balanced != null && !balanced.contains(c.name()))) {
                continue;
            }
            int j = r.coordinates().indexOf(c.name());
            String unit = c.motionType() == OpenSimModel.MotionType.TRANSLATIONAL ? "N" : "N·m";
            res.channel(c.name(), unit, j < 0 ? new double[time.length] : column(r.reserves(), j));
        }
        context.output("activation", a.build());
        context.output("reserve", res.build());
        context.progress().update(1, null);
    }

    private static double[] column(double[][] rows, int c) {
        double[] x = new double[rows.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = rows[t][c];
        }
        return x;
    }
}
