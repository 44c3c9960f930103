package org.myoflow.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.Data;

/**
 * An in-memory least-recently-used result cache holding a bounded number of node results.
 *
 * @since 0.1
 */
public final class MemoryResultCache implements ResultCache {

    private final Map<String, Map<String, Data>> entries;

    public MemoryResultCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Data>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<Map<String, Data>> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, Map<String, Data> outputs) {
        entries.put(key, Map.copyOf(outputs));
    }

    public synchronized int size() {
        return entries.size();
    }
}
