package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.NumericTable;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;

/** The data types refuse bad values naming where they are, lay out tables as documented and digest content. */
class SignalTest {

    private static Signal twoChannels() {
        return Signal.builder(2000).startTime(0.5).quantity("emg").channel("a", "mV", new double[] { 1, 2, 3 })
                .channel("b", "mV", new double[] { 10, 20, 30 }).build();
    }

    @Test
    void nanIsRefusedNamingChannelAndSample() {
        DataException e = assertThrows(DataException.class, () -> Signal.builder(100)
                .channel("EMG1", "mV", new double[] { 0, 1 })
                .channel("EMG2", "mV", new double[] { 0, Double.NaN }).build());
        assertEquals("channel EMG2 sample 1 (t = 0.01 s) is NaN", e.getMessage());
        e = assertThrows(DataException.class, () -> Signal.builder(100)
                .channel("x", "", new double[] { Double.NEGATIVE_INFINITY }).build());
        assertEquals("channel x sample 0 (t = 0.0 s) is -Infinity", e.getMessage());
    }

    @Test
    void unequalChannelLengthsAreRefused() {
        DataException e = assertThrows(DataException.class, () -> Signal.builder(100)
                .channel("a", "", new double[4]).channel("b", "", new double[3]).build());
        assertEquals("channel b has 3 samples, channel a has 4", e.getMessage());
    }

    @Test
    void badRateAndDuplicateLabelsAreRefused() {
        assertTrue(assertThrows(DataException.class, () -> Signal.builder(0).build()).getMessage()
                .contains("sampling rate must be a positive finite number"));
        assertThrows(DataException.class, () -> Signal.builder(Double.NaN).build());
        assertEquals("duplicate channel label 'a'", assertThrows(DataException.class,
                () -> Signal.builder(1).channel("a", "", new double[1]).channel("a", "", new double[1]))
                .getMessage());
    }

    @Test
    void toTableIsSamplesByChannelsRowMajor() {
        NumericTable t = twoChannels().toTable();
        assertEquals(3, t.rows());
        assertEquals(2, t.cols());
        assertArrayEquals(new double[] { 1, 10, 2, 20, 3, 30 }, t.values());
        assertEquals(20, t.get(1, 1));
        assertEquals(3, t.get(2, 0));
        assertEquals(new NumericTable(3, 2, new double[] { 1, 10, 2, 20, 3, 30 }), t);
        assertThrows(IllegalArgumentException.class, () -> new NumericTable(2, 2, new double[3]));
    }

    @Test
    void accessorsAndMetadata() {
        Signal s = twoChannels();
        assertEquals(DataTypes.SIGNAL, s.type());
        assertEquals(2, s.channelCount());
        assertEquals(3, s.sampleCount());
        assertEquals(1.5e-3, s.duration(), 1e-15);
        assertEquals(0.5005, s.timeAt(1), 1e-12);
        assertArrayEquals(new double[] { 10, 20, 30 }, s.channel("b"));
        assertEquals(15, s.valueAt(1, 0.50025), 1e-9, "halfway between samples 0 and 1");
        assertEquals(10, s.valueAt(1, 0), "clamped before the start");
        assertTrue(assertThrows(DataException.class, () -> s.channel("c")).getMessage()
                .contains("no channel 'c' in signal with channels [a, b]"));
        double[] copy = s.channel(0);
        copy[0] = 99;
        assertEquals(1, s.get(0, 0), "channels are copies");
        Map<String, Object> m = s.metadata();
        assertEquals(2000.0, m.get("samplingRateHz"));
        assertEquals(List.of("a", "b"), m.get("labels"));
        assertEquals(List.of("mV", "mV"), m.get("units"));
        assertEquals("emg", m.get("quantity"));
        assertEquals("samples x channels", m.get("layout"));
    }

    @Test
    void digestEqualityAndInequality() {
        Signal s = twoChannels();
        assertEquals(64, s.digest().length());
        assertEquals(s.digest(), twoChannels().digest());
        assertEquals(s.digest(), s.toBuilder().build().digest());
        assertNotEquals(s.digest(), s.toBuilder().channel("c", "mV", new double[3]).build().digest());
        assertNotEquals(s.digest(), Signal.builder(2000).startTime(0.5).quantity("emg")
                .channel("a", "mV", new double[] { 1, 2, 3 }).channel("b", "mV", new double[] { 10, 20, 30.000001 })
                .build().digest(), "a value differs");
        assertNotEquals(s.digest(), Signal.builder(2000).startTime(0.5).quantity("emg")
                .channel("a", "mV", new double[] { 1, 2, 3 }).channel("B", "mV", new double[] { 10, 20, 30 })
                .build().digest(), "a label differs");
        assertNotEquals(s.digest(), Signal.builder(2000).startTime(0.5).quantity("emg")
                .channel("a", "mV", new double[] { 1, 2, 3 }).channel("b", "V", new double[] { 10, 20, 30 })
                .build().digest(), "a unit differs");
        assertNotEquals(s.digest(), Signal.builder(1000).startTime(0.5).quantity("emg")
                .channel("a", "mV", new double[] { 1, 2, 3 }).channel("b", "mV", new double[] { 10, 20, 30 })
                .build().digest(), "the rate differs");
        // the same numbers as a 6 x 1 signal are another table
        assertNotEquals(s.digest(), Signal.builder(2000).startTime(0.5).quantity("emg")
                .channel("a", "mV", new double[] { 1, 10, 2, 20, 3, 30 }).build().digest());
    }

    @Test
    void metadataOrderDoesNotChangeDigest() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1.0);
        a.put("y", List.of("p", "q"));
        Map<String, Object> b = new TreeMap<>((k1, k2) -> k2.compareTo(k1));
        b.putAll(a);
        NumericTable t = new NumericTable(1, 1, new double[] { 1 });
        assertEquals(Digests.of(DataTypes.SIGNAL, t, a), Digests.of(DataTypes.SIGNAL, t, b));
        assertNotEquals(Digests.of(DataTypes.SIGNAL, t, a), Digests.of(DataTypes.SPIKE_TRAINS, t, a));
    }

    @Test
    void spikeTrainsRefuseNaNAndDisorder() {
        DataException e = assertThrows(DataException.class,
                () -> new SpikeTrains(new double[][] { { 0.1 }, { 0.2, Double.NaN } }, 1, null));
        assertEquals("unit 2 spike 1 has time NaN", e.getMessage());
        e = assertThrows(DataException.class,
                () -> new SpikeTrains(new double[][] { { 0.1, 0.3, 0.2 } }, 1, null));
        assertEquals("unit 1 spike times are not ascending at spike 2", e.getMessage());
        e = assertThrows(DataException.class, () -> new SpikeTrains(new double[][] { {} }, 1, List.of("a", "b")));
        assertEquals("2 unit labels for 1 units", e.getMessage());
        assertThrows(DataException.class, () -> new SpikeTrains(new double[0][], -1, null));
    }

    @Test
    void spikeTrainTableAndDigest() {
        SpikeTrains st = new SpikeTrains(new double[][] { { 0.1, 0.25 }, {}, { 0.05 } }, 2, null);
        assertEquals(List.of("MU1", "MU2", "MU3"), st.unitLabels());
        assertEquals(3, st.totalSpikeCount());
        assertEquals(0, st.spikeCount(1));
        NumericTable t = st.toTable();
        assertEquals(3, t.rows());
        assertEquals(2, t.cols());
        assertArrayEquals(new double[] { 0, 0.1, 0, 0.25, 2, 0.05 }, t.values());

        assertEquals(st.digest(), new SpikeTrains(new double[][] { { 0.1, 0.25 }, {}, { 0.05 } }, 2, null).digest());
        assertNotEquals(st.digest(), new SpikeTrains(new double[][] { { 0.1, 0.25 }, {}, { 0.05 } }, 3, null)
                .digest(), "duration differs");
        assertNotEquals(st.digest(), new SpikeTrains(new double[][] { { 0.1, 0.25 }, { 0.05 }, {} }, 2, null)
                .digest(), "a spike moved to another unit");
        assertNotEquals(st.digest(), new SpikeTrains(new double[][] { { 0.1, 0.25 }, {}, { 0.05 } }, 2,
                List.of("a", "b", "c")).digest(), "labels differ");
    }
}
