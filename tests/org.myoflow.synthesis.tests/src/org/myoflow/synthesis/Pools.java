package org.myoflow.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.SpikeTrains;

/** Test fixtures: MUAP banks and spike trains. */
final class Pools {

    static final double FS = 2048;

    private Pools() {
    }

    static List<String> labels(int channels) {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            l.add("ch" + (c + 1));
        }
        return l;
    }

    /** A bank of smooth biphasic waveforms of random amplitude and width, [unit][channel][sample]. */
    static MuapBank bank(int units, int channels, int samples, double onsetS, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] m = new double[units][channels][samples];
        for (int u = 0; u < units; u++) {
            double width = 2 + 4 * r.nextDouble();
            for (int c = 0; c < channels; c++) {
                double amp = (0.2 + r.nextDouble()) * (1 + u * 0.05);
                double centre = samples / 2.0 + r.nextDouble() * 4 - 2;
                for (int k = 0; k < samples; k++) {
                    double z = (k - centre) / width;
                    m[u][c][k] = -amp * z * Math.exp(-z * z / 2);
                }
            }
        }
        return new MuapBank(m, FS, onsetS, labels(channels), null, null, 0, 0, "mV", "monopolar");
    }

    /** Regular firing at rateHz from firstS, jittered by cv of the interval, until durationS. */
    static SpikeTrains trains(int units, double durationS, double rateHz, double cv, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] t = new double[units][];
        for (int u = 0; u < units; u++) {
            double rate = rateHz * (0.8 + 0.4 * r.nextDouble());
            List<Double> l = new ArrayList<>();
            double s = r.nextDouble() / rate;
            while (s < durationS) {
                l.add(s);
                s += Math.max(1e-3, (1 + cv * gauss(r)) / rate);
            }
            t[u] = l.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new SpikeTrains(t, durationS, null);
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Independent reference: for every output sample, the MUAP value at the continuous time since each spike,
     * interpolated linearly between samples and zero outside the waveform.
     */
    static double[][] naive(SpikeTrains spikes, MuapBank bank, int samples) {
        double[][] out = new double[bank.channelCount()][samples];
        for (int u = 0; u < spikes.unitCount(); u++) {
            for (double ts : spikes.times(u)) {
                for (int c = 0; c < bank.channelCount(); c++) {
                    double[] m = bank.muap(u, c);
                    for (int i = 0; i < samples; i++) {
                        double tau = (i / FS - ts - bank.onset()) * FS; // fractional MUAP sample index
                        if (tau <= -1 || tau >= m.length) {
                            continue;
                        }
                        int k = (int) Math.floor(tau);
                        double w = tau - k;
                        double a = k >= 0 && k < m.length ? m[k] : 0;
                        double b = k + 1 >= 0 && k + 1 < m.length ? m[k + 1] : 0;
                        out[c][i] += (1 - w) * a + w * b;
                    }
                }
            }
        }
        return out;
    }
}
