package org.myoflow.core.spi;

import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataSpec;

/**
 * What a step sees while it is configured during validation (see {@link StepProvider#configure}): its node, its
 * validated parameters and the specs of its connected inputs. Nothing has run yet; configure must stay cheap
 * (reading a file header is fine, reading a whole data file or training is not).
 *
 * @since 0.2
 */
public interface ConfigureContext {

    /** Id of the pipeline node being configured. */
    String nodeId();

    StepDescriptor descriptor();

    /** The step's settings object, built from the node's validated parameters and the defaults. */
    <S> S settings(Class<S> settingsClass);

    /** The node's resolved parameter values by name (canonical types; FILE values are absolute paths). */
    Map<String, Object> parameters();

    /**
     * The spec of the data connected to an input port; empty when an optional input is not connected.
     *
     * @throws IllegalArgumentException if the step has no such input port
     */
    Optional<DataSpec> inputSpec(String port);

    /**
     * The registry model that one of the step's model parameters ({@link Param#model()}) names, as the planner
     * resolved it (the same file, by SHA-256, that the run will use); empty when the node names no such model. A
     * name the registry does not know is already a validation problem, so configure is not called then.
     *
     * @since 0.2
     */
    default Optional<ModelFile> model(String name) {
        return Optional.empty();
    }

    /** The default spec of an output port: its declared type, everything else unknown. */
    default DataSpec outputType(String port) {
        return DataSpec.ofType(descriptor().output(port).orElseThrow(() -> new IllegalArgumentException(
                "step " + descriptor().id() + " has no output port '" + port + "'")).type());
    }

    /**
     * Records that an input contradicts the step's contract; the node is refused and validation fails with the
     * problem "node '<id>', input '<port>', channel '<channel>': message".
     *
     * @param port    the input port concerned (or null for the node as a whole)
     * @param channel the channel (or motor-unit or muscle label) concerned, or null
     */
    void problem(String port, String channel, String message);

    /** Records that a parameter contradicts the inputs or the step's contract (e.g. a missing model). */
    void parameterProblem(String parameter, String message);

    /**
     * Records that the input data a parameter names is bad (e.g. a file a dataset manifest lists is missing): the
     * node is refused like with {@link #parameterProblem}, but the problem is a data problem
     * ({@code ValidationProblem#badData()}), so a validation or run refused only for such problems ends with exit
     * code 3 instead of 2. The default records a parameter problem.
     *
     * @param parameter the parameter naming the data, or null
     * @since 0.3
     */
    default void dataProblem(String parameter, String message) {
        parameterProblem(parameter, message);
    }

    /**
     * Declares a data file the node will read besides its file parameters (e.g. the files a dataset manifest
     * lists): its SHA-256 joins the node's cache key and the run's provenance (input files), so a changed file
     * invalidates the cached result. A file that cannot be read is recorded as a {@link #dataProblem}. Contexts that
     * do not plan a run ignore it.
     *
     * @since 0.3
     */
    default void inputFile(java.nio.file.Path file) {
        // contexts that do not plan a run ignore it
    }

    /** Whether a problem has been recorded for this node. */
    boolean hasProblems();

    /**
     * Reports how many bytes an output will hold once computed (an estimate; compute it with
     * {@link Math#multiplyExact(long, long)} so that an overflow throws instead of wrapping; an
     * {@link ArithmeticException} from configure refuses the node). Without a report the planner estimates signals
     * (channels × samples × 8 bytes) and spike trains from the spec; steps whose outputs the spec cannot size (MUAP
     * banks: units × channels × samples × 8 bytes) should report. Validation refuses a plan whose outputs together
     * exceed the memory the run may use (see docs/writing-a-step.md, "Sizing").
     *
     * @param port  the output port
     * @param bytes the estimated size, at least 0 ({@link Long#MAX_VALUE}: too large to count)
     * @throws IllegalArgumentException if the step has no such output port
     * @since 0.3
     */
    default void outputSize(String port, long bytes) {
        // contexts that do not size plans ignore the report
    }

    /**
     * The experiment's other pipelines, to check a sub-pipeline a node names; empty where the context has no
     * experiment.
     *
     * @since 0.3
     */
    default Optional<SubPipelines> pipelines() {
        return Optional.empty();
    }
}
