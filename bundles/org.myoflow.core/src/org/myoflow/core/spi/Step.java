package org.myoflow.core.spi;

/**
 * One execution of a step for one node. Read inputs and settings from the context, write every output port.
 * Throw {@link org.myoflow.core.data.DataException} for bad input data (exit code 3), any other exception for
 * a failure (exit code 4); return promptly after {@link Progress#checkCancelled()} throws.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Step {

    void run(StepContext context) throws Exception;
}
