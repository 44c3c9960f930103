package org.myoflow.core.data;

/**
 * Base of immutable data types: computes the content digest once, from {@link #toTable()} and metadata.
 *
 * @since 0.1
 */
public abstract class AbstractData implements Data {

    private volatile String digest;

    @Override
    public final String digest() {
        String d = digest;
        if (d == null) {
            d = Digests.of(type(), toTable(), metadata());
            digest = d;
        }
        return d;
    }
}
