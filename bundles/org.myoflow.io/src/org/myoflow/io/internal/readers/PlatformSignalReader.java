package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.myoflow.core.data.Signal;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.SignalFiles;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * The platform's own signal files, plain CSV with a time column and {@code .npy} with its JSON sidecar, through
 * {@link SignalFiles}: the fall-back for {@code .csv} files that no vendor reader recognises (priority -10).
 */
@Component(service = RecordingReader.class)
public final class PlatformSignalReader implements RecordingReader {

    @Override
    public String formatId() {
        return "myoflow-signal";
    }

    @Override
    public String description() {
        return "CSV with a time column, or .npy with its .json sidecar";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv", ".npy");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return true;
    }

    @Override
    public int priority() {
        return -10;
    }

    @Override
    public Recording read(Path file) {
        Signal s = SignalFiles.read(file);
        double[][] data = new double[s.channelCount()][];
        List<ChannelKind> kinds = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            data[i] = s.channel(i);
            kinds.add("emg".equalsIgnoreCase(s.quantity()) ? ChannelKind.EMG
                    : Kinds.guess(s.labels().get(i), s.units().get(i), ""));
        }
        RecordingSignal rs = new RecordingSignal("data", s.samplingRate(), s.startTime(), s.labels(), s.units(),
                kinds, data);
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        if (!s.quantity().isEmpty()) {
            meta.put("quantity", s.quantity());
        }
        return new Recording(file, formatId(), "Myoflow", meta, List.of(rs), List.of(), List.of());
    }
}
