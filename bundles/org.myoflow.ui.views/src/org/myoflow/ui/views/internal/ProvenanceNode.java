package org.myoflow.ui.views.internal;

import java.util.ArrayList;
import java.util.List;

/** One row of the provenance tree: a name, a value (may be empty) and child rows. */
public final class ProvenanceNode {

    private final String name;
    private final String value;
    private final List<ProvenanceNode> children = new ArrayList<>();

    /** @param name the row's name; @param value the row's value, shown in the second column */
    public ProvenanceNode(String name, String value) {
        this.name = name;
        this.value = value == null ? "" : value;
    }

    /** Adds a child row and returns it. */
    public ProvenanceNode add(String childName, String childValue) {
        ProvenanceNode n = new ProvenanceNode(childName, childValue);
        children.add(n);
        return n;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public List<ProvenanceNode> children() {
        return children;
    }

    /** @return this row and all rows below it */
    public int size() {
        int n = 1;
        for (ProvenanceNode c : children) {
            n += c.size();
        }
        return n;
    }

    @Override
    public String toString() {
        return value.isEmpty() ? name : name + " = " + value;
    }
}
