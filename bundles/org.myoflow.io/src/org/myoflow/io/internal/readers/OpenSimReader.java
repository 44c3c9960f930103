package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.Signal;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.OpenSimStorage;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.internal.OpenSimUnits;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * OpenSim {@code .sto} / {@code .mot} through {@link OpenSimStorage}: one signal "data". Kinds: EMG when the
 * table or file name says EMG (processed envelopes), angles for rotational coordinates, force / moment for
 * force, torque and moment columns.
 */
@Component(service = RecordingReader.class)
public final class OpenSimReader implements RecordingReader {

    @Override
    public String formatId() {
        return "opensim-storage";
    }

    @Override
    public String description() {
        return "OpenSim storage (.sto/.mot)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".sto", ".mot");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return true;
    }

    @Override
    public Recording read(Path file) {
        OpenSimStorage.Contents c = OpenSimStorage.readContents(file);
        Signal s = c.signal();
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean emg = c.name().toLowerCase(Locale.ROOT).contains("electromyograph")
                || fileName.contains("emg") || c.name().toLowerCase(Locale.ROOT).contains("emg");
        List<ChannelKind> kinds = new ArrayList<>();
        List<String> units = new ArrayList<>(s.units());
        for (int i = 0; i < s.channelCount(); i++) {
            String label = OpenSimUnits.coordinateName(s.labels().get(i)).toLowerCase(Locale.ROOT);
            String u = units.get(i);
            ChannelKind k;
            if (emg) {
                k = ChannelKind.EMG;
            } else if (label.contains("torque") || label.contains("moment")) {
                k = ChannelKind.MOMENT;
            } else if (label.contains("force") && !label.matches(".*_p[xyz]$")) {
                k = ChannelKind.FORCE;
            } else if (u.equals("deg") || u.equals("rad")) {
                k = ChannelKind.ANGLE;
            } else {
                k = ChannelKind.OTHER;
            }
            kinds.add(k);
        }
        double[][] data = new double[s.channelCount()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = s.channel(i);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("name", c.name());
        meta.putAll(c.header());
        RecordingSignal rs = new RecordingSignal("data", s.samplingRate(), s.startTime(), s.labels(), units, kinds,
                data);
        String vendor = c.header().containsKey("OpenSimVersion") ? "OpenSim " + c.header().get("OpenSimVersion")
                : "OpenSim";
        return new Recording(file, formatId(), vendor, meta, List.of(rs), List.of(), c.warnings());
    }
}
