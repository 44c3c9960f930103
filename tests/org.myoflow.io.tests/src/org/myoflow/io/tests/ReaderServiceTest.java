package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** A reader registered as an OSGi service by some bundle reaches {@link Recordings} and leaves with it. */
class ReaderServiceTest {

    /** A third-party format: ".myf" files starting with "MYF1". */
    static final class MyfReader implements RecordingReader {
        @Override
        public String formatId() {
            return "myf";
        }

        @Override
        public String description() {
            return "test format";
        }

        @Override
        public List<String> extensions() {
            return List.of(".myf");
        }

        @Override
        public boolean matches(Path file, byte[] head) {
            return head.length >= 4 && head[0] == 'M' && head[1] == 'Y' && head[2] == 'F' && head[3] == '1';
        }

        @Override
        public Recording read(Path file) {
            return new Recording(file, formatId(), "", Map.of(), List.of(new RecordingSignal("emg", 1000, 0,
                    List.of("EMG1"), List.of("V"), List.of(ChannelKind.EMG), new double[][] { { 0.5, 0.25 } })),
                    List.of(), List.of());
        }
    }

    @Test
    void serviceIsPickedUpAndDropped(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(Recordings.class);
        assertNotNull(bundle, "running inside OSGi");
        BundleContext ctx = bundle.getBundleContext();
        assertNotNull(ctx, "org.myoflow.io is active");
        // the built-in readers are services too
        assertTrue(ctx.getServiceReferences(RecordingReader.class, null).size() >= 7);
        Path f = dir.resolve("a.myf");
        java.nio.file.Files.writeString(f, "MYF1 payload");
        MyfReader mine = new MyfReader();
        ServiceRegistration<RecordingReader> reg = ctx.registerService(RecordingReader.class, mine, null);
        try {
            long until = System.currentTimeMillis() + 10_000;
            while (!Recordings.readers().contains(mine) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertTrue(Recordings.readers().contains(mine), "the registry bound the service");
            assertTrue(Recordings.isSupported(f));
            Recording r = Recordings.read(f);
            assertEquals("myf", r.formatId());
            assertEquals(0.25, r.signal("emg").orElseThrow().data()[0][1]);
        } finally {
            reg.unregister();
        }
        long until = System.currentTimeMillis() + 10_000;
        while (Recordings.readers().contains(mine) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertTrue(!Recordings.readers().contains(mine), "unbound after unregistering");
        // built-in readers registered as services are not listed twice
        assertEquals(Recordings.readers().size(), Recordings.readers().stream().map(Object::getClass).distinct()
                .count());
    }
}
