package org.myoflow.core.spi;

import java.util.concurrent.CancellationException;

/**
 * Progress reporting and cancellation for one running step.
 *
 * @since 0.1
 */
public interface Progress {

    /**
     * Reports progress.
     *
     * @param fraction done, in [0, 1]
     * @param message  what is being done now (may be null)
     */
    void update(double fraction, String message);

    boolean isCancelled();

    /** Throws {@link CancellationException} when the run was cancelled. Call it in long loops. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
