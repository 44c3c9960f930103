package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes of the LFADS-style sequential autoencoder (Pandarinath et al. 2018; Keshtkaran et al. 2022 for
 * AutoLFADS; Wimalasena et al. 2022 for EMG).
 *
 * @param channels      EMG channels (muscles)
 * @param windowBins    time bins per window the model sees
 * @param icEncoder     state size per direction of the bidirectional initial-condition encoder
 * @param ciEncoder     state size per direction of the bidirectional controller-input encoder
 * @param controller    state size of the controller GRU
 * @param generator     state size of the generator GRU
 * @param icDim         dimension of the initial-condition latent (the generator's initial state is a linear map
 *                      of it)
 * @param coDim         dimension of the inferred inputs (controller outputs) fed to the generator
 * @param factors       low-dimensional factors read out from the generator state
 * @since 0.1
 */
public record LfadsArchitecture(int channels, int windowBins, int icEncoder, int ciEncoder, int controller,
        int generator, int icDim, int coDim, int factors) {

    public LfadsArchitecture {
        List<String> bad = new ArrayList<>();
        check(bad, "channels", channels, 1, 512);
        check(bad, "windowBins", windowBins, 4, 10000);
        check(bad, "icEncoder", icEncoder, 1, 1024);
        check(bad, "ciEncoder", ciEncoder, 1, 1024);
        check(bad, "controller", controller, 1, 1024);
        check(bad, "generator", generator, 1, 1024);
        check(bad, "icDim", icDim, 1, 1024);
        check(bad, "coDim", coDim, 1, 64);
        check(bad, "factors", factors, 1, 256);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("invalid LFADS architecture: " + String.join("; ", bad));
        }
    }

    /**
     * The sizes used by the platform's benchmark on a laptop CPU: encoders 64, controller 32, generator 64, ic 16,
     * co 2, factors 8 (the published EMG settings use 100/100/100/20/3/10 on a GPU).
     */
    public static LfadsArchitecture small(int channels, int windowBins) {
        return new LfadsArchitecture(channels, windowBins, 64, 64, 32, 64, 16, 2, 8);
    }

    /** The same sizes with another channel count and window. */
    public LfadsArchitecture with(int channelCount, int bins) {
        return new LfadsArchitecture(channelCount, bins, icEncoder, ciEncoder, controller, generator, icDim, coDim,
                factors);
    }

    private static void check(List<String> bad, String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            bad.add(name + " must lie in [" + lo + ", " + hi + "], got " + v);
        }
    }
}
