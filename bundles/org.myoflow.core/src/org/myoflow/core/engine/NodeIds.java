package org.myoflow.core.engine;

import java.util.regex.Pattern;

/**
 * The character set of node ids: a letter, then up to 63 letters, digits, '-' or '_' (ASCII), i.e.
 * {@code [A-Za-z][A-Za-z0-9_-]{0,63}}. Ids appear in {@code --set node.parameter=value}, in file names of the run
 * folder and in every message, so they exclude '.', spaces and control characters. The planner refuses other ids;
 * the workbench editor only generates ids that match.
 *
 * @since 0.3
 */
public final class NodeIds {

    /** The longest node id. */
    public static final int MAX_LENGTH = 64;

    /** The rule in words, as validation messages state it. */
    public static final String RULE = "a node id must start with a letter and contain only ASCII letters, digits, "
            + "'-' and '_', at most " + MAX_LENGTH + " characters ([A-Za-z][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "})";

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    private NodeIds() {
    }

    /** Whether {@code id} is a valid node id. */
    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
