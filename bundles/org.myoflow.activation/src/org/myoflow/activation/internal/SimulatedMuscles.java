package org.myoflow.activation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.myoflow.core.data.Signal;
import org.myoflow.synthesis.MuscleEmgSimulator;

/**
 * Multi-muscle EMG with known excitation, built from the platform's own simulator
 * ({@link MuscleEmgSimulator.Settings#bipolarSurfaceChannel}): each muscle is a Fuglevand pool whose MUAPs come from
 * the planar volume conductor (its own fat thickness and anatomy seed) at one bipolar pair of electrodes over it, so
 * each channel records one muscle. The muscles are driven by a few shared latent drives with
 * a locomotion-like rhythm: drive k is a von Mises bump exp(κ(cos(θ(t) − 2πk/K) − 1)) of one phase θ advancing at
 * a step frequency of 0.8–1.4 Hz (±20 % slow modulation, drawn per trial), times a slowly varying amplitude; the
 * excitation of muscle m is min(1, 0.6·(0.03 + Σ_k W_mk·d_k(t))), with one main drive per muscle (weight 0.7–1) and
 * small weights (0–0.3) on the others. Measurement noise (white, Gaussian) is added per channel at a set SNR
 * relative to the channel's mean power over the trial.
 */
final class SimulatedMuscles {

    static final double KAPPA = 3;

    private final int muscles;
    private final int drives;
    private final double fs;
    private final MuscleEmgSimulator[] channels;
    private final double[][] weights;

    SimulatedMuscles(int muscles, int drives, int units, double fsHz, long seed) {
        this.muscles = muscles;
        this.drives = drives;
        this.fs = fsHz;
        SplittableRandom r = new SplittableRandom(seed);
        this.channels = new MuscleEmgSimulator[muscles];
        for (int m = 0; m < muscles; m++) {
            double fat = 2 + 4 * r.nextDouble();
            channels[m] = new MuscleEmgSimulator(MuscleEmgSimulator.Settings.bipolarSurfaceChannel(units, fsHz, fat, 1),
                    new SplittableRandom(r.nextLong()));
        }
        this.weights = new double[muscles][drives];
        for (int m = 0; m < muscles; m++) {
            for (int k = 0; k < drives; k++) {
                weights[m][k] = k == m % drives ? 0.7 + 0.3 * r.nextDouble() : 0.3 * r.nextDouble();
            }
        }
    }

    int muscles() {
        return muscles;
    }

    double samplingRate() {
        return fs;
    }

    List<String> labels() {
        List<String> l = new ArrayList<>();
        for (int m = 0; m < muscles; m++) {
            l.add("muscle" + (m + 1));
        }
        return l;
    }

    /** Excitations [muscle][sample] in [0, 1] of one trial. */
    double[][] excitation(double durationS, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) Math.round(durationS * fs);
        double f0 = 0.8 + 0.6 * r.nextDouble();
        double fm = 0.1 + 0.2 * r.nextDouble();
        double pm = 2 * Math.PI * r.nextDouble();
        double[] am = new double[drives];
        double[] af = new double[drives];
        double[] ap = new double[drives];
        for (int k = 0; k < drives; k++) {
            am[k] = 0.3 * r.nextDouble();
            af[k] = 0.1 + 0.3 * r.nextDouble();
            ap[k] = 2 * Math.PI * r.nextDouble();
        }
        double theta = 2 * Math.PI * r.nextDouble();
        double[][] e = new double[muscles][n];
        double[] d = new double[drives];
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            theta += 2 * Math.PI * f0 * (1 + 0.2 * Math.sin(2 * Math.PI * fm * t + pm)) / fs;
            for (int k = 0; k < drives; k++) {
                double amp = 0.75 + am[k] * Math.sin(2 * Math.PI * af[k] * t + ap[k]);
                d[k] = amp * Math.exp(KAPPA * (Math.cos(theta - 2 * Math.PI * k / drives) - 1));
            }
            for (int m = 0; m < muscles; m++) {
                double z = 0.03;
                for (int k = 0; k < drives; k++) {
                    z += weights[m][k] * d[k];
                }
                e[m][i] = Math.min(1, 0.6 * z);
            }
        }
        return e;
    }

    /** EMG [muscle][sample] (mV) of one trial driven by the given excitations, with noise at snrDb. */
    double[][] emg(double[][] excitation, double snrDb, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[muscles][];
        for (int m = 0; m < muscles; m++) {
            double[] x = channels[m].cleanEmg(excitation[m], r.split());
            double sigma = Math.sqrt(MuscleEmgSimulator.meanPower(x) / Math.pow(10, snrDb / 10));
            MuscleEmgSimulator.addWhiteNoise(x, sigma, r);
            out[m] = x;
        }
        return out;
    }

    Signal toSignal(double[][] emg) {
        Signal.Builder b = Signal.builder(fs).quantity("emg");
        List<String> l = labels();
        for (int m = 0; m < muscles; m++) {
            b.channel(l.get(m), "mV", emg[m]);
        }
        return b.build();
    }
}
