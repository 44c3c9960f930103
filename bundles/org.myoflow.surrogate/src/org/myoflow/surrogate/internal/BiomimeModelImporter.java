package org.myoflow.surrogate.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.ModelRegistry.ModelEntry;
import org.myoflow.surrogate.BiomimeImport;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow models import FILE --biomime --name NAME}: a BioMime generator export (conditions [N,6] to MUAPs
 * [N,96,10,32]) becomes a {@value BiomimeImport#TASK} model ({@link BiomimeImport}). Options {@code --ied},
 * {@code --fs}, {@code --scale} and {@code --unit-mv} default to {@link BiomimeImport.Options#defaults()}.
 */
@Component(service = ModelImporter.class)
public final class BiomimeModelImporter implements ModelImporter {

    static final String IED = "ied";
    static final String FS = "fs";
    static final String SCALE = "scale";
    static final String UNIT_MV = "unit-mv";

    private static final List<Option> OPTIONS = List.of(
            new Option(IED, "MM", BiomimeImport.Options.DEFAULT_IED_MM,
                    "Inter-electrode distance of the 10x32 grid in mm"),
            new Option(FS, "HZ", BiomimeImport.Options.DEFAULT_FS_HZ, "Sampling rate of the 96 samples in Hz"),
            new Option(SCALE, "FACTOR", BiomimeImport.Options.DEFAULT_SCALE,
                    "Amplitude scale BioMime was trained with"),
            new Option(UNIT_MV, "MV", BiomimeImport.Options.DEFAULT_DESCALED_UNIT_MV,
                    "mV per unit of the de-scaled output (default: volts)"));

    @Override
    public String format() {
        return "biomime";
    }

    @Override
    public String description() {
        return "BioMime generators (conditions [N,6] -> MUAPs [N,96,10,32]) become 'muap-surrogate' models";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public List<String> importModel(Path file, String name, Path targetRoot, Map<String, Double> options)
            throws ModelException {
        for (String k : options.keySet()) {
            if (!Set.of(IED, FS, SCALE, UNIT_MV).contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k + " of --biomime; expected --" + IED
                        + ", --" + FS + ", --" + SCALE + " or --" + UNIT_MV);
            }
        }
        BiomimeImport.Options o = BiomimeImport.Options.defaults();
        double ied = options.getOrDefault(IED, o.interElectrodeDistanceMm());
        double fs = options.getOrDefault(FS, o.samplingRateHz());
        o = o.withInterElectrodeDistanceMm(ied).withSamplingRateHz(fs)
                .withAmplitudeScale(options.getOrDefault(SCALE, o.amplitudeScale()))
                .withDescaledUnitMv(options.getOrDefault(UNIT_MV, o.descaledUnitMv()));
        ModelEntry e = BiomimeImport.importModel(file, name, targetRoot, o);
        ModelCard card = e.card();
        return List.of(String.format(Locale.ROOT, "imported BioMime model '%s' into %s", name,
                e.folder().toAbsolutePath()),
                String.format(Locale.ROOT, "  %s", card.signature()),
                String.format(Locale.ROOT, "  outputScale %.6g mV per output unit, grid 10x32 at %.4g mm, %.6g Hz",
                        o.outputScale(), ied, fs));
    }
}
