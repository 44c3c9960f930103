package org.myoflow.surrogate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.myoflow.conductor.MuapConditions;
import org.myoflow.conductor.MuapConditions.Range;
import org.myoflow.conductor.MuapConditions.Ranges;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.TensorSpec;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;

import ai.onnx.proto.OnnxMl;

/**
 * Brings a BioMime generator exported to ONNX (Ma et al., arXiv 2211.01856) into a model registry as a
 * {@value #TASK} model that {@code SurrogateModel} can run.
 *
 * <p>BioMime maps six conditions, each normalised to [0.5, 1] by 0.5 + 0.5·(x − min)/(max − min) over its training
 * ranges, to a MUAP tensor [T = 96, H = 10, W = 32] sampled at 2048 Hz whose amplitudes were multiplied by 1e5 in
 * training (docs/science.md#surrogate). The import checks that the file has exactly that interface (one float32
 * input [?, 6], one float32 output [?, 96, 10, 32], dynamic dimensions allowed), renames its tensors to
 * {@value #INPUT} / {@value #OUTPUT} when the exporter used other names, and writes the model folder with a card
 * following the {@value #TASK} convention: layout {@value #LAYOUT}, {@code outputScale} = mV per raw output unit,
 * and BioMime's condition ranges under {@link MuapConditions#NAMES}. BioMime's position and innervation-zone
 * conditions are its own normalised quantities (angle 0–1, IZ as a fraction of fibre length), not millimetres,
 * although they are stored under {@code positionMm} and {@code izMm}.
 *
 * @since 0.1
 */
public final class BiomimeImport {

    /** The registry task of imported models. */
    public static final String TASK = "muap-surrogate";
    /** Value of {@code config.format} in an imported model's card. */
    public static final String FORMAT = "biomime-import/1";
    /** Input tensor name required by {@value #TASK} models. */
    public static final String INPUT = "conditions";
    /** Output tensor name required by {@value #TASK} models. */
    public static final String OUTPUT = "muaps";
    /** BioMime's output layout: batch, time, rows, columns. */
    public static final String LAYOUT = "NTHW";
    /** BioMime's samples per MUAP. */
    public static final int SAMPLES = 96;
    /** BioMime's electrode rows. */
    public static final int ROWS = 10;
    /** BioMime's electrode columns. */
    public static final int COLS = 32;

    private BiomimeImport() {
    }

    /**
     * How to interpret the imported network.
     *
     * @param interElectrodeDistanceMm electrode spacing of BioMime's 10 × 32 grid (mm)
     * @param samplingRateHz           sampling rate of the 96 output samples (Hz)
     * @param amplitudeScale           factor BioMime's training multiplied the MUAPs by (1e5)
     * @param descaledUnitMv           mV per unit of the de-scaled output (output / amplitudeScale); 1000 takes the
     *                                 de-scaled value to be volts
     * @param ranges                   BioMime's condition ranges, in {@link MuapConditions#NAMES} order
     */
    public record Options(double interElectrodeDistanceMm, double samplingRateHz, double amplitudeScale,
            double descaledUnitMv, Ranges ranges) {

        /**
         * Default spacing, not stated in BioMime's published facts (docs/science.md#biomime-import); 8.75 mm is our
         * assumption for NeuroMotion's 10 × 32 forearm grid and only affects where {@code SurrogateModel} places the
         * electrodes, so override it when known.
         */
        public static final double DEFAULT_IED_MM = 8.75;
        /** NeuroMotion's sampling rate of BioMime MUAPs (docs/science.md#surrogate). */
        public static final double DEFAULT_FS_HZ = 2048;
        /** BioMime's training amplitude scale (docs/science.md#surrogate). */
        public static final double DEFAULT_SCALE = 1e5;
        /**
         * The de-scaled output is taken to be volts: its order of magnitude (1e-5..1e-4, tens of µV) is that of
         * monopolar surface MUAPs. Not stated by the paper; override when the export says otherwise.
         */
        public static final double DEFAULT_DESCALED_UNIT_MV = 1000;

        public Options {
            positive(interElectrodeDistanceMm, "inter-electrode distance");
            positive(samplingRateHz, "sampling rate");
            positive(amplitudeScale, "amplitude scale");
            positive(descaledUnitMv, "mV per de-scaled unit");
            Objects.requireNonNull(ranges, "ranges");
        }

        /** The defaults above with BioMime's ranges. */
        public static Options defaults() {
            return new Options(DEFAULT_IED_MM, DEFAULT_FS_HZ, DEFAULT_SCALE, DEFAULT_DESCALED_UNIT_MV,
                    biomimeRanges());
        }

        public Options withInterElectrodeDistanceMm(double v) {
            return new Options(v, samplingRateHz, amplitudeScale, descaledUnitMv, ranges);
        }

        public Options withSamplingRateHz(double v) {
            return new Options(interElectrodeDistanceMm, v, amplitudeScale, descaledUnitMv, ranges);
        }

        public Options withAmplitudeScale(double v) {
            return new Options(interElectrodeDistanceMm, samplingRateHz, v, descaledUnitMv, ranges);
        }

        public Options withDescaledUnitMv(double v) {
            return new Options(interElectrodeDistanceMm, samplingRateHz, amplitudeScale, v, ranges);
        }

        /** mV per raw output unit: {@code descaledUnitMv / amplitudeScale} (the card's {@code outputScale}). */
        public double outputScale() {
            return descaledUnitMv / amplitudeScale;
        }

        private static void positive(double v, String what) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
            }
        }
    }

    /**
     * BioMime's training ranges (docs/science.md#biomime-import): ln(fibres) 1.098–6.77, depth 7.0–23.1 mm, angle 0–1
     * (normalised position), innervation zone 0.365–0.636 of the fibre length, CV 3.0–4.5 m/s, fibre length 0.85–1.15.
     */
    public static Ranges biomimeRanges() {
        return new Ranges(new Range(1.098, 6.77), new Range(7.0, 23.1), new Range(0, 1), new Range(0.365, 0.636),
                new Range(3.0, 4.5), new Range(0.85, 1.15));
    }

    /**
     * Imports a BioMime ONNX export.
     *
     * @param onnxFile   the exported model
     * @param name       model name (the folder {@code targetRoot/name})
     * @param targetRoot registry root to write into (e.g. {@link ModelRegistry#userFolder()})
     * @param options    grid, sampling, amplitude and ranges
     * @return the new entry
     * @throws ModelException NOT_FOUND for a missing file, LOAD_FAILED when ONNX Runtime or the protobuf parser
     *                        cannot read it, SIGNATURE_MISMATCH when its inputs/outputs are not BioMime's
     */
    public static ModelRegistry.ModelEntry importModel(Path onnxFile, String name, Path targetRoot,
            Options options) {
        Objects.requireNonNull(options, "options");
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad model name '" + name + "'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnxFile);
        } catch (NoSuchFileException e) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, onnxFile + ": no such file");
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, onnxFile + ": cannot read: " + e.getMessage(),
                    e);
        }
        ModelSignature found = signatureOf(bytes, onnxFile.toString());
        checkBiomimeInterface(found, onnxFile);
        String inName = found.inputs().get(0).name();
        String outName = found.outputs().get(0).name();
        boolean renamed = !inName.equals(INPUT) || !outName.equals(OUTPUT);
        if (renamed) {
            bytes = renameInterface(bytes, onnxFile, Map.of(inName, INPUT, outName, OUTPUT));
        }
        ModelSignature written = signatureOf(bytes, onnxFile + " (renamed)");
        long[] out = written.outputs().get(0).shape();
        ModelSignature cardSig = new ModelSignature(written.inputs(),
                List.of(TensorSpec.float32(OUTPUT, out[0], SAMPLES, ROWS, COLS)));

        String description = "BioMime generator imported from " + onnxFile.getFileName()
                + (renamed ? " (tensors renamed: '" + inName + "' -> '" + INPUT + "', '" + outName + "' -> '"
                        + OUTPUT + "')" : "")
                + ". Mimics BioMime's finite-element forearm; its conditions are BioMime's, not the planar "
                + "conductor's.";
        ModelCard card = ModelCard.builder(name, "imported", TASK, cardSig).description(description)
                .normalisation(normalisation(options)).config(config(options))
                .training("external-import", Map.of("source", onnxFile.getFileName().toString()), 0)
                .trainingDataDigest("unknown").framework("external ONNX").build();
        Path folder = targetRoot.resolve(name);
        ModelRegistry.writeModel(folder, bytes, card);
        return new ModelRegistry.ModelEntry(name, ModelRegistry.Source.USER, folder, true);
    }

    /** The card's {@code normalisation} for these options. */
    static JsonObject normalisation(Options o) {
        JsonObject n = new JsonObject();
        n.addProperty("conditions", "minmax-0.5-1");
        n.addProperty("outputLayout", LAYOUT);
        n.addProperty("outputScale", o.outputScale());
        n.addProperty("amplitudeScale", o.amplitudeScale());
        n.addProperty("descaledUnitMv", o.descaledUnitMv());
        return n;
    }

    /** The card's {@code config} for these options. */
    static JsonObject config(Options o) {
        JsonObject c = new JsonObject();
        c.addProperty("format", FORMAT);
        c.addProperty("rows", ROWS);
        c.addProperty("cols", COLS);
        c.addProperty("interElectrodeDistanceMm", o.interElectrodeDistanceMm());
        c.addProperty("samplingRateHz", o.samplingRateHz());
        c.addProperty("muapDurationS", SAMPLES / o.samplingRateHz());
        c.addProperty("samples", SAMPLES);
        JsonObject r = new JsonObject();
        List<Range> list = o.ranges().asList();
        for (int i = 0; i < MuapConditions.COUNT; i++) {
            JsonArray a = new JsonArray();
            a.add(list.get(i).min());
            a.add(list.get(i).max());
            r.add(MuapConditions.NAMES.get(i), a);
        }
        c.add("ranges", r);
        c.addProperty("rangesNote", "BioMime's conditions: positionMm holds BioMime's normalised angle (0-1) and "
                + "izMm the innervation-zone position as a fraction of fibre length; neither is in mm");
        return c;
    }

    private static ModelSignature signatureOf(byte[] bytes, String label) {
        try (OnnxModel m = OnnxSessions.load(bytes, label)) {
            return m.signature();
        }
    }

    private static void checkBiomimeInterface(ModelSignature s, Path file) {
        boolean ok = s.inputs().size() == 1 && s.outputs().size() == 1
                && fits(s.inputs().get(0), -1, MuapConditions.COUNT)
                && fits(s.outputs().get(0), -1, SAMPLES, ROWS, COLS);
        if (!ok) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, String.format(Locale.ROOT,
                    "%s: not a BioMime generator: expected one input float32[-1,%d] and one output "
                            + "float32[-1,%d,%d,%d], the file has inputs %s and outputs %s",
                    file, MuapConditions.COUNT, SAMPLES, ROWS, COLS, s.inputs(), s.outputs()));
        }
    }

    /** Float32, same rank, each fixed dimension equal to the wanted one (-1 wanted: anything). */
    private static boolean fits(TensorSpec have, long... want) {
        if (!TensorSpec.FLOAT32.equals(have.elementType()) || have.rank() != want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i] != TensorSpec.DYNAMIC && have.dim(i) != TensorSpec.DYNAMIC && have.dim(i) != want[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Renames graph inputs/outputs (and every reference to them: node inputs and outputs, value_info,
     * initializers and sub-graphs of control-flow nodes).
     *
     * @throws ModelException LOAD_FAILED when the file cannot be parsed or a new name is already taken
     */
    static byte[] renameInterface(byte[] bytes, Path file, Map<String, String> renames) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, file + ": not an ONNX model: "
                    + e.getMessage(), e);
        }
        Set<String> used = new HashSet<>();
        collectNames(model.getGraph(), used);
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (!r.getKey().equals(r.getValue()) && used.contains(r.getValue()) && !renames.containsKey(r.getValue())) {
                throw new ModelException(ModelException.Kind.LOAD_FAILED, file + ": cannot rename '" + r.getKey()
                        + "' to '" + r.getValue() + "': the graph already has a value of that name");
            }
        }
        OnnxMl.GraphProto graph = renameGraph(model.getGraph(), renames);
        return model.toBuilder().setGraph(graph).build().toByteArray();
    }

    private static void collectNames(OnnxMl.GraphProto g, Set<String> names) {
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getOutputList().forEach(v -> names.add(v.getName()));
        g.getValueInfoList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collectNames(a.getG(), names);
                }
                a.getGraphsList().forEach(sub -> collectNames(sub, names));
            }
        }
    }

    private static OnnxMl.GraphProto renameGraph(OnnxMl.GraphProto g, Map<String, String> renames) {
        OnnxMl.GraphProto.Builder b = g.toBuilder();
        for (int i = 0; i < b.getInputCount(); i++) {
            b.setInput(i, b.getInput(i).toBuilder().setName(renamed(b.getInput(i).getName(), renames)));
        }
        for (int i = 0; i < b.getOutputCount(); i++) {
            b.setOutput(i, b.getOutput(i).toBuilder().setName(renamed(b.getOutput(i).getName(), renames)));
        }
        for (int i = 0; i < b.getValueInfoCount(); i++) {
            b.setValueInfo(i, b.getValueInfo(i).toBuilder().setName(renamed(b.getValueInfo(i).getName(), renames)));
        }
        for (int i = 0; i < b.getInitializerCount(); i++) {
            b.setInitializer(i, b.getInitializer(i).toBuilder()
                    .setName(renamed(b.getInitializer(i).getName(), renames)));
        }
        for (int i = 0; i < b.getNodeCount(); i++) {
            OnnxMl.NodeProto.Builder n = b.getNode(i).toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                n.setInput(k, renamed(n.getInput(k), renames));
            }
            for (int k = 0; k < n.getOutputCount(); k++) {
                n.setOutput(k, renamed(n.getOutput(k), renames));
            }
            List<OnnxMl.AttributeProto> attrs = new ArrayList<>();
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                // sub-graphs may read outer-scope values by name
                OnnxMl.AttributeProto.Builder ab = a.toBuilder();
                if (a.hasG()) {
                    ab.setG(renameGraph(a.getG(), renames));
                }
                for (int k = 0; k < a.getGraphsCount(); k++) {
                    ab.setGraphs(k, renameGraph(a.getGraphs(k), renames));
                }
                attrs.add(ab.build());
            }
            n.clearAttribute().addAllAttribute(attrs);
            b.setNode(i, n);
        }
        return b.build();
    }

    private static String renamed(String name, Map<String, String> renames) {
        return renames.getOrDefault(name, name);
    }
}
