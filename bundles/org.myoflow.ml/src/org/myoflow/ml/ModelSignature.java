package org.myoflow.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered inputs and outputs of a model. Used twice: a step states the signature it needs and
 * {@link #checkCompatible} compares it with a model's card; the registry compares the card with the signature
 * ONNX Runtime reads from the file ({@link #checkSameAs}).
 *
 * @param inputs  input tensors, in graph order
 * @param outputs output tensors, in graph order
 * @since 0.1
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        checkUnique(inputs, "input");
        checkUnique(outputs, "output");
    }

    /** The input of that name, if any. */
    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The output of that name, if any. */
    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Checks that this (a model's) signature can serve a caller needing {@code required}: every input of the model
     * is one the caller provides, with the same element type and rank and compatible dimensions (equal, or dynamic
     * on either side), and every output the caller needs exists likewise. Extra model outputs are fine.
     *
     * @throws ModelException {@link ModelException.Kind#SIGNATURE_MISMATCH} naming the model, the tensor and the
     *                        expected and actual type/shape (all differences, one per line)
     */
    public void checkCompatible(ModelSignature required, String modelName) {
        List<String> problems = new ArrayList<>();
        for (TensorSpec have : inputs) {
            Optional<TensorSpec> want = required.input(have.name());
            if (want.isEmpty()) {
                problems.add("input '" + have.name() + "' (" + have.typeAndShape() + ") is not provided; provided: "
                        + required.inputs());
            } else if (!want.get().accepts(have)) {
                problems.add("input '" + have.name() + "': expected " + want.get().typeAndShape() + ", model has "
                        + have.typeAndShape());
            }
        }
        for (TensorSpec want : required.inputs) {
            if (input(want.name()).isEmpty()) {
                problems.add("input '" + want.name() + "' (" + want.typeAndShape() + ") expected, model has "
                        + inputs);
            }
        }
        for (TensorSpec want : required.outputs) {
            Optional<TensorSpec> have = output(want.name());
            if (have.isEmpty()) {
                problems.add("output '" + want.name() + "' (" + want.typeAndShape() + ") expected, model has "
                        + outputs);
            } else if (!want.accepts(have.get())) {
                problems.add("output '" + want.name() + "': expected " + want.typeAndShape() + ", model has "
                        + have.get().typeAndShape());
            }
        }
        fail(problems, "model '" + modelName + "' does not fit");
    }

    /**
     * Checks that this signature (from a card) describes {@code actual} (read from the ONNX file) exactly: the same
     * tensor names in the same order, with equal element types and shapes. Output dimensions ONNX Runtime cannot
     * infer ({@value TensorSpec#DYNAMIC} in {@code actual}) are not held against the card.
     *
     * @throws ModelException {@link ModelException.Kind#SIGNATURE_MISMATCH} naming the model and each difference
     */
    public void checkSameAs(ModelSignature actual, String modelName) {
        List<String> problems = new ArrayList<>();
        compareExactly("input", inputs, actual.inputs, false, problems);
        compareExactly("output", outputs, actual.outputs, true, problems);
        fail(problems, "model '" + modelName + "': the card (model.json) does not describe model.onnx");
    }

    private static void compareExactly(String what, List<TensorSpec> card, List<TensorSpec> file, boolean lenient,
            List<String> problems) {
        List<String> cardNames = card.stream().map(TensorSpec::name).toList();
        List<String> fileNames = file.stream().map(TensorSpec::name).toList();
        if (!cardNames.equals(fileNames)) {
            problems.add(what + "s: card lists " + card + ", model.onnx has " + file);
            return;
        }
        for (int i = 0; i < card.size(); i++) {
            TensorSpec c = card.get(i);
            TensorSpec f = file.get(i);
            boolean ok = lenient ? c.accepts(f) && f.accepts(c) && sameWhereKnown(c, f) : c.equals(f);
            if (!ok) {
                problems.add(what + " '" + c.name() + "': card says " + c.typeAndShape() + ", model.onnx has "
                        + f.typeAndShape());
            }
        }
    }

    private static boolean sameWhereKnown(TensorSpec card, TensorSpec file) {
        for (int i = 0; i < card.rank(); i++) {
            if (file.dim(i) != TensorSpec.DYNAMIC && card.dim(i) != file.dim(i)) {
                return false;
            }
        }
        return true;
    }

    private static void fail(List<String> problems, String head) {
        if (!problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, head + ":\n  " + String.join("\n  ",
                    problems));
        }
    }

    private static void checkUnique(List<TensorSpec> specs, String what) {
        for (TensorSpec t : specs) {
            Objects.requireNonNull(t, what);
            if (specs.stream().filter(o -> o.name().equals(t.name())).count() > 1) {
                throw new IllegalArgumentException("two " + what + "s are named '" + t.name() + "'");
            }
        }
    }

    @Override
    public String toString() {
        return inputs + " -> " + outputs;
    }
}
