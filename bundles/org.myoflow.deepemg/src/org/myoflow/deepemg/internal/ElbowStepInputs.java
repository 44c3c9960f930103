package org.myoflow.deepemg.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.StepContext;
import org.myoflow.deepemg.SynergyExtrapolation;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.SubjectScales;
import org.myoflow.musculoskeletal.AngleUnit;
import org.myoflow.musculoskeletal.JointKinematics;
import org.myoflow.musculoskeletal.JointModel;

/**
 * Parameters and input handling shared by the deep-EMG steps on the built-in elbow (synergy extrapolation, NMM train
 * and infer): the envelopes of the measured muscles (named by parameter or by channel label), the elbow angle and
 * its central-difference velocity, and the torque, on one time base.
 */
public class ElbowStepInputs {

    @Param(description = "Elbow-model muscle of each envelope channel, in channel order, comma-separated (e.g. "
            + "BIClong,BICshort,BRD,TRIlong,TRIlat); empty takes the channel labels. The other muscles are the "
            + "unmeasured ones the step estimates")
    public String measuredMuscles = "";

    @Param(description = "Label of the elbow-angle channel in the kinematics (0 = full extension); empty takes the "
            + "only channel", channelOf = "kinematics")
    public String angleChannel = "";

    @Param(description = "Unit of the joint angle: FROM_SIGNAL reads the channel's unit (rad or deg)")
    public AngleUnit angleUnit = AngleUnit.FROM_SIGNAL;

    @Param(description = "Label of the joint-torque channel (N·m, positive = flexion); empty takes the only channel",
            channelOf = "torque")
    public String torqueChannel = "";

    /** One recording's inputs, checked. */
    record Recording(Signal envelopes, List<String> measuredNames, int[] channelMuscles, int[] missing,
            double[] angles, double[] velocities, double[] torques, double load, int muscles, List<String> names) {

        int samples() {
            return angles.length;
        }

        double rate() {
            return envelopes.samplingRate();
        }

        NmmSequence sequence(double[][] labels) {
            return sequence(labels, 0, samples());
        }

        NmmSequence sequence(double[][] labels, int from, int to) {
            double[][] env = new double[envelopes.channelCount()][];
            for (int c = 0; c < env.length; c++) {
                env[c] = Arrays.copyOfRange(envelopes.channel(c), from, to);
            }
            double[][] lab = null;
            if (labels != null) {
                lab = new double[labels.length][];
                for (int d = 0; d < labels.length; d++) {
                    lab[d] = Arrays.copyOfRange(labels[d], from, to);
                }
            }
            return NmmFeatures.sequence(0, env, channelMuscles, muscles, Arrays.copyOfRange(angles, from, to),
                    Arrays.copyOfRange(velocities, from, to), Arrays.copyOfRange(torques, from, to), load, lab);
        }

        /** Writes the excitation (measured + predicted) and torque outputs. */
        void output(StepContext context, NmmModel nmm, SubjectScales scales, NmmSequence seq) {
            double[][] deep = nmm.predict(seq);
            double[] torque = nmm.torque(seq, deep, scales);
            Signal.Builder out = Signal.builder(rate()).startTime(envelopes.startTime()).quantity("excitation");
            for (int m = 0; m < muscles; m++) {
                int c = indexOf(channelMuscles, m);
                int d = indexOf(missing, m);
                double[] v = c >= 0 ? seq.measuredExcitations()[m] : deep[d];
                out.channel(names.get(m), "", v);
            }
            context.output("excitation", out.build());
            context.output("torque", Signal.builder(rate()).startTime(envelopes.startTime()).quantity("torque")
                    .channel("elbow torque (NMM)", "N·m", torque).build());
        }
    }

    /** The load held in the hand, kg (0 unless a step has the parameter). */
    double loadKg() {
        return 0;
    }

    /**
     * Configure-time checks of the elbow inputs: every measured muscle (measuredMuscles, else the envelope labels)
     * is a muscle of {@code model} and the count matches the envelope channels, at least one muscle stays
     * unmeasured, the angle and torque channels can be chosen, and the inputs share a sampling rate. Returns the
     * measured muscle names, or null when they are unknown.
     */
    List<String> configure(ConfigureContext c, JointModel model) {
        DataSpec env = c.inputSpec("envelopes").orElseThrow();
        DataSpec kin = c.inputSpec("kinematics").orElseThrow();
        DataSpec tq = c.inputSpec("torque").orElseThrow();
        sameRate(c, env, "kinematics", kin);
        sameRate(c, env, "torque", tq);
        channel(c, "kinematics", kin, angleChannel, "angleChannel");
        channel(c, "torque", tq, torqueChannel, "torqueChannel");
        List<String> names = null;
        if (!measuredMuscles.isBlank()) {
            names = new ArrayList<>();
            for (String n : measuredMuscles.split(",")) {
                names.add(n.strip());
            }
            if (env.channelsKnown() && names.size() != env.channelCount()) {
                c.parameterProblem("measuredMuscles", "names " + names.size() + " muscles " + names + " but the "
                        + "envelopes have " + env.channelCount() + " channels " + env.channelLabels());
                return null;
            }
        } else if (env.channelsKnown()) {
            names = env.channelLabels();
        }
        if (names == null) {
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!model.muscleNames().contains(names.get(i))) {
                c.problem("envelopes", env.channelsKnown() ? env.channelLabels().get(i) : names.get(i), "'"
                        + names.get(i) + "' is not a muscle of the " + model.name() + " model; its muscles are "
                        + model.muscleNames() + (measuredMuscles.isBlank() ? " (name them with measuredMuscles)"
                                : ""));
            }
        }
        if (names.containsAll(model.muscleNames())) {
            c.problem("envelopes", null, "every muscle of the " + model.name() + " model is measured: no "
                    + "unmeasured muscle to estimate");
        }
        return names;
    }

    /** The excitation of every model muscle and a torque channel, on the envelopes' time base. */
    static Map<String, DataSpec> outputs(ConfigureContext c, JointModel model, String torqueLabel) {
        DataSpec env = c.inputSpec("envelopes").orElseThrow();
        return Map.of("excitation", DataSpec.signal("excitation", "", model.muscleNames(), env.samplingRate(),
                env.duration()), "torque", DataSpec.signal("torque", "N·m", List.of(torqueLabel),
                        env.samplingRate(), env.duration()));
    }

    private static void sameRate(ConfigureContext c, DataSpec env, String port, DataSpec other) {
        if (!Double.isNaN(env.samplingRate()) && !Double.isNaN(other.samplingRate())
                && env.samplingRate() != other.samplingRate()) {
            c.problem(port, null, "envelopes are sampled at " + env.samplingRate() + " Hz, " + port + " at "
                    + other.samplingRate() + " Hz; they must have the same sampling rate and length");
        }
    }

    private static void channel(ConfigureContext c, String port, DataSpec spec, String label, String parameter) {
        if (!spec.channelsKnown()) {
            return;
        }
        if (label == null || label.isEmpty()) {
            if (spec.channelCount() != 1) {
                c.problem(port, null, port + " has " + spec.channelCount() + " channels " + spec.channelLabels()
                        + ": set parameter '" + parameter + "' to the one to use");
            }
        } else if (!spec.hasChannel(label)) {
            c.problem(port, label, "parameter '" + parameter + "' names a channel the " + port + " does not have; "
                    + "its channels are " + spec.channelLabels());
        }
    }

    /** Reads and checks the envelopes, kinematics and torque inputs. */
    Recording recording(StepContext context, JointModel model) {
        return recording(context.input("envelopes", Signal.class), context.input("kinematics", Signal.class),
                context.input("torque", Signal.class), model, loadKg());
    }

    /** Checks the envelopes, kinematics and torque of one recording held with {@code load} kg. */
    Recording recording(Signal env, Signal kin, Signal tq, JointModel model, double load) {
        JointKinematics.sameSampling(env, "envelopes", kin, "kinematics");
        JointKinematics.sameSampling(env, "envelopes", tq, "torque");
        List<String> names = new ArrayList<>();
        if (measuredMuscles.isBlank()) {
            names.addAll(env.labels());
        } else {
            for (String n : measuredMuscles.split(",")) {
                names.add(n.strip());
            }
        }
        if (names.size() != env.channelCount()) {
            throw new DataException("measuredMuscles names " + names.size() + " muscles " + names + " but the "
                    + "envelopes have " + env.channelCount() + " channels " + env.labels());
        }
        for (int c = 0; c < env.channelCount(); c++) {
            double[] x = env.channel(c);
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new DataException("envelopes: channel " + env.labels().get(c) + " sample " + i + " is "
                            + x[i]);
                }
            }
        }
        double[] q = JointKinematics.angleRad(kin, angleChannel, angleUnit);
        double[] qd = JointKinematics.velocity(q, kin.samplingRate());
        double[] tau = tq.channel(JointKinematics.channel(tq, torqueChannel, "torque"));
        for (int i = 0; i < tau.length; i++) {
            if (!Double.isFinite(tau[i]) || !Double.isFinite(q[i])) {
                throw new DataException("torque or kinematics: sample " + i + " is not finite");
            }
        }
        int[] map;
        try {
            map = SynergyExtrapolation.channelMuscles(model, names);
        } catch (IllegalArgumentException e) {
            throw new DataException(e.getMessage());
        }
        int muscles = model.muscles().size();
        int[] missing = new int[muscles - map.length];
        int k = 0;
        for (int m = 0; m < muscles; m++) {
            if (indexOf(map, m) < 0) {
                missing[k++] = m;
            }
        }
        if (missing.length == 0) {
            throw new DataException("every elbow muscle is measured: no unmeasured muscle to estimate");
        }
        return new Recording(env, List.copyOf(names), map, missing, q, qd, tau, load, muscles,
                model.muscleNames());
    }

    static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
