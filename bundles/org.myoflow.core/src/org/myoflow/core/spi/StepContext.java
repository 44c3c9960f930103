package org.myoflow.core.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.myoflow.core.data.Data;

/**
 * Everything a running step may use: inputs, settings, outputs, randomness, progress, logging, scratch space.
 *
 * @since 0.1
 */
public interface StepContext {

    /** Id of the pipeline node being executed. */
    String nodeId();

    StepDescriptor descriptor();

    /**
     * The data connected to an input port.
     *
     * @throws IllegalArgumentException if the port is not connected or holds another type
     */
    <T extends Data> T input(String port, Class<T> type);

    /** The data connected to an optional input port, if any. */
    <T extends Data> Optional<T> optionalInput(String port, Class<T> type);

    /** The step's settings object, built from the node's validated parameters and the defaults. */
    <S> S settings(Class<S> settingsClass);

    /** The node's resolved parameter values by name (canonical types; FILE values are absolute paths). */
    Map<String, Object> parameters();

    /** Sets the data of an output port; every declared output must be set once. */
    void output(String port, Data data);

    /** Seed derived from the experiment seed and the node id: the same pipeline and seed give the same numbers. */
    long seed();

    /** A generator seeded with {@link #seed()}; a new one on each call. */
    RandomGenerator random();

    Progress progress();

    System.Logger logger();

    /** A private folder for temporary files of this execution. */
    Path scratchDirectory();

    /**
     * The model files this node's model parameters ({@link Param#model()}) name, by model name, as resolved when
     * the pipeline was planned (their SHA-256 is part of the node's cache key). Empty for steps without model
     * parameters.
     */
    default Map<String, ModelFile> models() {
        return Map.of();
    }

    /**
     * The planned model file of that name: one this node's model parameters name.
     *
     * @throws IllegalArgumentException when no model parameter of this node names it
     */
    default ModelFile model(String name) {
        ModelFile f = name == null ? null : models().get(name.strip());
        if (f == null) {
            throw new IllegalArgumentException("node '" + nodeId() + "': model '" + name + "' is not named by a "
                    + "model parameter of step " + descriptor().id() + " (models of this node: "
                    + models().keySet() + ")");
        }
        return f;
    }

    /**
     * The model registry of this run, for steps that train a model and save it ({@link ModelResolver#saveFolder()});
     * {@link ModelResolver#NONE} when the run has none.
     */
    default ModelResolver modelRegistry() {
        return ModelResolver.NONE;
    }

    /**
     * The trial this run is bound to: set when the pipeline runs inside a map over a dataset
     * ({@link SubPipelines#run}); empty in a top-level run.
     *
     * @since 0.3
     */
    default Optional<org.myoflow.core.data.Trial> trial() {
        return Optional.empty();
    }

    /**
     * The experiment's other pipelines, runnable once per trial (for steps that map a sub-pipeline over a dataset).
     *
     * @throws UnsupportedOperationException where the context runs outside an engine run
     * @since 0.3
     */
    default SubPipelines pipelines() {
        throw new UnsupportedOperationException("node '" + nodeId() + "': no sub-pipelines outside an engine run");
    }
}
