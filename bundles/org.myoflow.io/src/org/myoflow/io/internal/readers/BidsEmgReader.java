package org.myoflow.io.internal.readers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.myoflow.io.Bids;
import org.myoflow.io.Recording;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * The EDF/BDF data file of a BIDS-EMG dataset ({@code *_emg.edf} / {@code *_emg.bdf} beside a
 * {@code *_channels.tsv}): read by {@link EdfReader}, then units and kinds from the channel table, events from
 * {@code _events.tsv}, entities and channel status in the metadata ({@link Bids#read(Path)}).
 */
@Component(service = RecordingReader.class)
public final class BidsEmgReader implements RecordingReader {

    private final EdfReader edf = new EdfReader();

    @Override
    public String formatId() {
        return "bids-emg";
    }

    @Override
    public String description() {
        return "BIDS-EMG data file with its sidecars (*_emg.edf, *_emg.bdf)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".edf", ".bdf");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith("_emg.edf") || n.endsWith("_emg.bdf")) && n.startsWith("sub-")
                && Files.isRegularFile(Bids.sibling(file, "channels.tsv")) && edf.matches(file, head);
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public Recording read(Path file) {
        return Bids.read(file).recording();
    }
}
