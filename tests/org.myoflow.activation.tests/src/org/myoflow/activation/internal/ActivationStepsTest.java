package org.myoflow.activation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.activation.LowPassEnvelope;
import org.myoflow.activation.MovingRmsEnvelope;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.activation.SangerBayesFilter;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepProvider;

/** The three activation steps through the engine's step harness. */
public class ActivationStepsTest {

    static Signal emg(int n, double fs, long seed, String... labels) {
        SplittableRandom r = new SplittableRandom(seed);
        Signal.Builder b = Signal.builder(fs).quantity("emg").startTime(0.5);
        for (String label : labels) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                x[i] = (1 + Math.sin(2 * Math.PI * i / fs)) * g;
            }
            b.channel(label, "mV", x);
        }
        return b.build();
    }

    private static Signal run(StepProvider step, Signal in) throws Exception {
        return (Signal) StepHarness.of(step).input("emg", in).run().get("activation");
    }

    @Test
    void eachStepOutputsThePreprocessedEstimateAtTheBinRate() throws Exception {
        Signal in = emg(4096, 2048, 1, "TA", "GM");
        Preprocessed p = Preprocessor.apply(in, Preprocessing.defaults());
        double[][] want = LowPassEnvelope.estimate(p, 4, 6);
        Signal low = run(new LowPassEnvelopeStep(), in);
        Signal rms = run(new MovingRmsEnvelopeStep(), in);
        Signal bayes = run(new BayesFilterStep(), in);
        for (Signal s : List.of(low, rms, bayes)) {
            assertEquals(List.of("TA", "GM"), s.labels());
            assertEquals("activation", s.quantity());
            assertEquals(512, s.samplingRate(), 0); // 2 ms at 2048 Hz rounds to 4 samples
            assertEquals(1024, s.sampleCount());
            assertEquals(0.5, s.startTime(), 0);
        }
        double[][] wantRms = MovingRmsEnvelope.estimate(p, 100);
        double[][] wantBayes = new SangerBayesFilter().map(p);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(want[c], low.channel(c), 0);
            assertArrayEquals(wantRms[c], rms.channel(c), 0);
            assertArrayEquals(wantBayes[c], bayes.channel(c), 0);
        }
    }

    @Test
    void parametersReachTheEstimators() throws Exception {
        Signal in = emg(2000, 1000, 2, "m");
        Signal out = (Signal) StepHarness.of(new LowPassEnvelopeStep()).input("emg", in).param("bandPass", false)
                .param("binWidth", 5.0).param("cutoff", 3.0).param("order", 2).run().get("activation");
        Preprocessed p = Preprocessor.apply(in, Preprocessing.defaults().withoutBandPass().withBinMs(5));
        assertArrayEquals(LowPassEnvelope.estimate(p, 2, 3)[0], out.channel(0), 0);
        Signal b = (Signal) StepHarness.of(new BayesFilterStep()).input("emg", in).param("bandPassHigh", 400.0)
                .param("likelihood", "GAUSSIAN").param("mapOutput", false).param("levels", 50).run()
                .get("activation");
        Preprocessed q = Preprocessor.apply(in, Preprocessing.defaults().withBandPass(20, 400, 4));
        assertArrayEquals(new SangerBayesFilter(50, 1e-3, 1e-10, SangerBayesFilter.Likelihood.GAUSSIAN, 0)
                .posteriorMean(q.data()[0]), b.channel(0), 0);
    }

    @Test
    void aReferenceWithOtherChannelsIsRefusedNamingBothCounts() {
        Signal in = emg(2000, 1000, 3, "a", "b");
        Signal ref = emg(2000, 1000, 4, "a", "b", "c");
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new MovingRmsEnvelopeStep())
                .input("emg", in).input("reference", ref).run());
        assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("has 2"), e.getMessage());
    }

    @Test
    void aReferenceLendsItsClipLevelsAndScales() throws Exception {
        Signal in = emg(2000, 1000, 5, "a");
        Signal ref = emg(2000, 1000, 6, "a");
        Preprocessed r = Preprocessor.apply(ref, Preprocessing.defaults().withBandPass(20, 450, 4));
        Preprocessed p = Preprocessor.apply(in, Preprocessing.defaults(), r.clipLevels(), r.scales());
        Signal out = (Signal) StepHarness.of(new MovingRmsEnvelopeStep()).input("emg", in).input("reference", ref)
                .run().get("activation");
        assertArrayEquals(MovingRmsEnvelope.estimate(p, 100)[0], out.channel(0), 0);
    }

    @Test
    void tooShortOrTooSlowRecordingsAreDataErrors() {
        DataException e = assertThrows(DataException.class, () -> run(new BayesFilterStep(), emg(20, 2048, 7, "a")));
        assertTrue(e.getMessage().contains("20 samples"), e.getMessage());
        e = assertThrows(DataException.class, () -> run(new LowPassEnvelopeStep(), emg(2000, 500, 7, "a")));
        assertTrue(e.getMessage().contains("Nyquist"), e.getMessage());
        // 60 samples pass the band-pass but give 15 bins, too few for the order-4 low-pass at the bin rate
        e = assertThrows(DataException.class, () -> run(new LowPassEnvelopeStep(), emg(60, 2048, 7, "a")));
        assertTrue(e.getMessage().contains("15 samples") || e.getMessage().contains("more than 15"), e.getMessage());
    }

    @Test
    void crossParameterCheckNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepHarness.of(
                new LowPassEnvelopeStep()).input("emg", emg(2000, 2048, 8, "a")).param("bandPassLow", 500.0)
                .param("bandPassHigh", 400.0).run());
        assertTrue(e.getMessage().contains("bandPassLow"), e.getMessage());
    }
}
