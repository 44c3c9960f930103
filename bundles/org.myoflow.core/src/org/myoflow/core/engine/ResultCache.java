package org.myoflow.core.engine;

import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.Data;

/**
 * Outputs of node executions by cache key, so that an edited pipeline recomputes only what changed.
 *
 * @since 0.1
 */
public interface ResultCache {

    Optional<Map<String, Data>> get(String key);

    void put(String key, Map<String, Data> outputs);

    /** A cache that stores nothing. */
    ResultCache NONE = new ResultCache() {
        @Override
        public Optional<Map<String, Data>> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, Map<String, Data> outputs) {
        }
    };
}
