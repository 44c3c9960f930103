package org.myoflow.refine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.dsp.Preprocessing;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.StepContext;
import org.myoflow.refine.CycleSegmentation;
import org.myoflow.refine.RefineModel;
import org.myoflow.refine.RefineSequence;

/**
 * Parameters and input handling shared by the refinement steps: the simulated activity (static optimisation, an
 * OpenSim .sto) restricted to the refined muscles, the optional kinematics as extra inputs, the measured activity
 * (envelopes, or raw EMG turned into envelopes with the shared preprocessing), gait/movement-cycle segmentation with
 * time normalisation, and the outputs.
 */
public class RefineInputs {

    @Param(description = "Muscles to refine, comma-separated channel labels; empty: the measured signal's labels "
            + "(training) or the model's muscles (inference)")
    public String muscles = "";

    @Param(description = "The measured input is raw EMG (band-passed, rectified, binned and low-passed here to the "
            + "simulated activity's rate) rather than envelopes")
    public boolean measuredIsRawEmg = false;

    @Param(description = "Low-pass cut-off of envelopes made from raw EMG", unit = "Hz", min = 0, max = 50,
            appliesWhen = "measuredIsRawEmg=true")
    public double lowPassHz = 6;

    @Param(description = "Segment the recording into movement cycles (upward crossings of the angle through its "
            + "mean) and normalise each cycle to cyclePoints samples")
    public boolean cycles = false;

    @Param(description = "Samples per time-normalised cycle", min = 16, max = 1000,
            appliesWhen = "cycles=true")
    public int cyclePoints = 101;

    @Param(description = "Kinematics channel that defines the cycles; empty takes the first channel",
            appliesWhen = "cycles=true", channelOf = "kinematics")
    public String cycleChannel = "";

    @Param(description = "Shortest cycle accepted", unit = "s", min = 0.05, max = 100,
            appliesWhen = "cycles=true")
    public double minCycleSeconds = 0.4;

    /**
     * Configure-time checks shared by training and inference, and the output specs: every muscle of {@code names}
     * (null: unknown) in the simulated activity and, when connected, the measured activity; the kinematics on the
     * simulated activity's rate and holding the cycle channel; {@code cycles} with a kinematics input.
     */
    Map<String, DataSpec> configure(ConfigureContext c, List<String> names) {
        DataSpec sim = c.inputSpec("simulated").orElseThrow();
        Optional<DataSpec> measured = c.inputSpec("measured");
        Optional<DataSpec> kin = c.inputSpec("kinematics");
        if (names != null) {
            requireMuscles(c, "simulated", "simulated activity", sim, names);
            measured.ifPresent(m -> requireMuscles(c, "measured", "measured activity", m, names));
        }
        if (measured.isPresent() && !measuredIsRawEmg && known(sim.samplingRate())
                && known(measured.get().samplingRate()) && sim.samplingRate() != measured.get().samplingRate()) {
            c.problem("measured", null, "measured activity is sampled at " + measured.get().samplingRate()
                    + " Hz, the simulated activity at " + sim.samplingRate() + " Hz; resample one of them (or set "
                    + "measuredIsRawEmg for raw EMG)");
        }
        if (kin.isPresent() && known(sim.samplingRate()) && known(kin.get().samplingRate())
                && sim.samplingRate() != kin.get().samplingRate()) {
            c.problem("kinematics", null, "kinematics is sampled at " + kin.get().samplingRate()
                    + " Hz, the simulated activity at " + sim.samplingRate() + " Hz");
        }
        if (cycles && kin.isEmpty()) {
            c.problem("kinematics", null, "cycles = true needs the kinematics input (the angle defines the cycles)");
        } else if (cycles && !cycleChannel.isBlank() && kin.get().channelsKnown()
                && !kin.get().hasChannel(cycleChannel.strip())) {
            c.problem("kinematics", cycleChannel.strip(), "parameter 'cycleChannel' names a channel the "
                    + "kinematics does not have; its channels are " + kin.get().channelLabels());
        }
        DataSpec base = DataSpec.ofType(org.myoflow.core.data.DataTypes.SIGNAL).withQuantity("activity")
                .withUnit("").withSamplingRate(sim.samplingRate()).withDuration(sim.duration());
        List<String> comparison = null;
        if (names != null) {
            comparison = new ArrayList<>();
            for (String m : names) {
                if (measured.isPresent()) {
                    comparison.add(m + " | measured");
                }
                comparison.add(m + " | simulated");
                comparison.add(m + " | refined");
            }
        }
        return Map.of("refined", base.withChannels(names), "comparison", base.withChannels(comparison));
    }

    private static void requireMuscles(ConfigureContext c, String port, String role, DataSpec spec,
            List<String> names) {
        if (!spec.channelsKnown()) {
            return;
        }
        for (String n : names) {
            if (!spec.hasChannel(n)) {
                c.problem(port, n, role + " lacks muscle '" + n + "' (it has channels " + spec.channelLabels()
                        + "; the refined muscles are " + names + ")");
            }
        }
    }

    private static boolean known(double v) {
        return !Double.isNaN(v);
    }

    /** Rows of the signal's channels named {@code names}, in that order, checked (finite). */
    static double[][] rows(String role, Signal s, List<String> names) {
        List<String> missing = new ArrayList<>();
        double[][] out = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            int c = s.labels().indexOf(names.get(i));
            if (c < 0) {
                missing.add(names.get(i));
            } else {
                out[i] = s.channel(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(role + " lacks muscles " + missing + " (it has channels " + s.labels() + ")");
        }
        return ActivityInputs.activity(role, out, names, names);
    }

    static List<String> names(String csv, List<String> fallback) {
        if (csv.isBlank()) {
            return List.copyOf(fallback);
        }
        List<String> n = new ArrayList<>();
        for (String x : csv.split(",")) {
            if (!x.isBlank()) {
                n.add(x.strip());
            }
        }
        return n;
    }

    /** The kinematics rows (all channels) aligned with the simulated activity, or an empty array. */
    static double[][] extra(Signal kinematics, Signal simulated) {
        if (kinematics == null) {
            return new double[0][];
        }
        double[][] k = new double[kinematics.channelCount()][];
        for (int c = 0; c < k.length; c++) {
            k[c] = kinematics.channel(c);
        }
        ActivityInputs.activity("kinematics", k, kinematics.labels(), kinematics.labels());
        if (kinematics.samplingRate() != simulated.samplingRate()
                || kinematics.sampleCount() != simulated.sampleCount()) {
            throw new DataException("kinematics has " + kinematics.sampleCount() + " samples at "
                    + kinematics.samplingRate() + " Hz, the simulated activity " + simulated.sampleCount() + " at "
                    + simulated.samplingRate() + " Hz");
        }
        return k;
    }

    /** The measured activity [muscle][t] on the simulated activity's time base. */
    double[][] measured(Signal measured, Signal simulated, List<String> names) {
        if (measuredIsRawEmg) {
            Signal sub = subset(measured, names);
            return ActivityInputs.envelopes(sub, names, Preprocessing.defaults(), null, lowPassHz,
                    simulated.samplingRate(), simulated.startTime(), simulated.sampleCount());
        }
        double[][] m = rows("measured activity", measured, names);
        double[][] s = rows("simulated activity", simulated, names);
        ActivityInputs.requireAligned("simulated activity", s, simulated.samplingRate(), "measured activity", m,
                measured.samplingRate());
        return m;
    }

    private static Signal subset(Signal s, List<String> names) {
        Signal.Builder b = Signal.builder(s.samplingRate()).startTime(s.startTime());
        for (String n : names) {
            int c = s.labels().indexOf(n);
            if (c < 0) {
                throw new DataException("measured EMG lacks muscles [" + n + "] (it has channels " + s.labels() + ")");
            }
            b.channel(n, s.units().get(c), s.channel(c));
        }
        return b.build();
    }

    /** The cycles of the recording (kinematics required). */
    List<CycleSegmentation.Cycle> cyclesOf(Signal kinematics) {
        if (kinematics == null) {
            throw new DataException("cycles = true needs the kinematics input (the angle defines the cycles)");
        }
        int c = cycleChannel.isBlank() ? 0 : kinematics.labels().indexOf(cycleChannel.strip());
        if (c < 0) {
            throw new DataException("kinematics has no channel '" + cycleChannel + "' (channels "
                    + kinematics.labels() + ")");
        }
        List<CycleSegmentation.Cycle> list = CycleSegmentation.cycles(kinematics.channel(c),
                kinematics.samplingRate(), minCycleSeconds, 0.1);
        if (list.isEmpty()) {
            throw new DataException("no movement cycle of at least " + minCycleSeconds + " s found in kinematics "
                    + "channel " + kinematics.labels().get(c));
        }
        return list;
    }

    /** Sequences: the whole recording, or one time-normalised sequence per cycle. */
    List<RefineSequence> sequences(double[][] input, double[][] extra, double[][] target,
            List<CycleSegmentation.Cycle> cycleList) {
        if (cycleList == null) {
            return List.of(new RefineSequence(input, extra, target));
        }
        List<RefineSequence> out = new ArrayList<>();
        for (CycleSegmentation.Cycle c : cycleList) {
            out.add(new RefineSequence(CycleSegmentation.normalise(input, c, cyclePoints),
                    CycleSegmentation.normalise(extra, c, cyclePoints),
                    target == null ? null : CycleSegmentation.normalise(target, c, cyclePoints)));
        }
        return out;
    }

    /**
     * The model's refinement on the recording's time base: whole, or per cycle mapped back to the samples of the
     * cycle (samples outside every cycle keep the simulated activity).
     */
    double[][] refine(RefineModel model, double[][] input, double[][] extra,
            List<CycleSegmentation.Cycle> cycleList) {
        if (cycleList == null) {
            return model.refine(new RefineSequence(input, extra, null));
        }
        double[][] out = new double[input.length][];
        for (int m = 0; m < input.length; m++) {
            out[m] = input[m].clone();
        }
        for (CycleSegmentation.Cycle c : cycleList) {
            double[][] r = model.refine(new RefineSequence(CycleSegmentation.normalise(input, c, cyclePoints),
                    CycleSegmentation.normalise(extra, c, cyclePoints), null));
            for (int m = 0; m < r.length; m++) {
                double[] back = CycleSegmentation.backMap(r[m], c);
                System.arraycopy(back, 0, out[m], c.start(), back.length);
            }
        }
        return out;
    }

    /** Writes {@code refined} and the overlay {@code comparison} (measured activity included when given). */
    static void output(StepContext context, Signal simulated, List<String> names, double[][] raw,
            double[][] refined, double[][] measured) {
        Signal.Builder r = Signal.builder(simulated.samplingRate()).startTime(simulated.startTime())
                .quantity("activity");
        for (int m = 0; m < names.size(); m++) {
            r.channel(names.get(m), "", refined[m]);
        }
        context.output("refined", r.build());
        Signal.Builder c = Signal.builder(simulated.samplingRate()).startTime(simulated.startTime())
                .quantity("activity");
        for (int m = 0; m < names.size(); m++) {
            if (measured != null) {
                c.channel(names.get(m) + " | measured", "", measured[m]);
            }
            c.channel(names.get(m) + " | simulated", "", raw[m]);
            c.channel(names.get(m) + " | refined", "", refined[m]);
        }
        context.output("comparison", c.build());
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = Arrays.copyOf(a[i], a[i].length);
        }
        return c;
    }
}
