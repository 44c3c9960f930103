package org.myoflow.ml;

import java.nio.file.Path;

import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.StepContext;

/**
 * How a step opens the registry models its model parameters name ({@code @Param(model = true)}). The engine
 * resolved each name when it planned the pipeline and put the model file's SHA-256 into the node's cache key; these
 * methods open exactly that file, refusing one that changed since (retrained or replaced between validation and
 * run: {@link ModelException.Kind#CORRUPTED}, naming the model). Every method throws {@link ModelException}; steps
 * report it as bad input ({@code DataException}, exit code 3).
 *
 * <pre>
 * ModelRegistry.ResolvedModel m = Models.resolve(context, settings.model, REQUIRED_SIGNATURE);
 * OnnxModel session = m.open();
 * </pre>
 *
 * @since 0.2
 */
public final class Models {

    private Models() {
    }

    /**
     * The planned model of that name, checked without ONNX Runtime: card readable and named like its folder, the
     * file's SHA-256 equal to the card's and to the one planned.
     *
     * @throws IllegalArgumentException when no model parameter of the node names it
     */
    public static ModelRegistry.ModelEntry check(StepContext context, String name) {
        ModelFile planned = context.model(name);
        ModelRegistry.ModelEntry e = entry(planned);
        ModelCard card = ModelRegistry.verifyDigest(e);
        checkPlanned(planned, card.onnxSha256());
        return e;
    }

    /**
     * The folder of the planned model of that name, its file re-hashed and equal to the one planned; for loaders
     * that read and verify the folder themselves (card fields, digest against the card).
     */
    public static Path folder(StepContext context, String name) {
        ModelFile planned = context.model(name);
        checkPlanned(planned, ModelRegistry.sha256(planned.file()));
        return planned.folder();
    }

    /** The card of the planned model of that name, checked as {@link #check} does (no ONNX Runtime). */
    public static ModelCard card(StepContext context, String name) {
        return check(context, name).card();
    }

    /**
     * The planned model of that name, fully verified as {@link ModelRegistry#resolve} verifies (card, digest,
     * signature against {@code required} when not null, the card against the file) and equal to the planned file.
     */
    public static ModelRegistry.ResolvedModel resolve(StepContext context, String name, ModelSignature required) {
        ModelFile planned = context.model(name);
        ModelRegistry.ResolvedModel r = ModelRegistry.verify(entry(planned), required);
        checkPlanned(planned, r.sha256());
        return r;
    }

    /** The shared ONNX Runtime session of the planned model of that name, verified as {@link #resolve} does. */
    public static OnnxModel open(StepContext context, String name, ModelSignature required) {
        return resolve(context, name, required).open();
    }

    /**
     * The folder a training step saves a model named {@code name} into: {@code <save folder>/<name>}, the save
     * folder being the run's model registry's ({@link org.myoflow.core.spi.ModelResolver#saveFolder()}), else the
     * user folder ({@link ModelRegistry#userFolder()}).
     */
    public static Path saveFolder(StepContext context, String name) {
        Path root = context.modelRegistry().saveFolder().orElseGet(ModelRegistry::userFolder);
        return root.resolve(name);
    }

    /** The registry entry of a planned model file. */
    public static ModelRegistry.ModelEntry entry(ModelFile f) {
        ModelRegistry.Source source;
        try {
            source = ModelRegistry.Source.valueOf(f.origin());
        } catch (IllegalArgumentException e) {
            source = ModelRegistry.Source.USER;
        }
        return new ModelRegistry.ModelEntry(f.name(), source, f.folder(), true);
    }

    private static void checkPlanned(ModelFile planned, String sha256) {
        if (!planned.sha256().equalsIgnoreCase(sha256)) {
            throw new ModelException(ModelException.Kind.CORRUPTED, planned.file() + ": model '" + planned.name()
                    + "' changed after the pipeline was validated (SHA-256 then " + planned.sha256() + ", now "
                    + sha256 + "); run the pipeline again");
        }
    }
}
