package org.myoflow.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Removed once the refinement tests exist; keeps the empty test bundle building. */
public class PlaceholderTest {
    @Test
    void bundleLoads() {
        assertEquals("org.myoflow.refine", PlaceholderTest.class.getPackageName());
    }
}
