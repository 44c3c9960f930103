package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterSpec;

/** The one parser of parameter text, for a single spec (the pipeline editor's forms use it), agrees with --set's. */
class ParameterTextTest {

    private static final ParameterSchema S = ParameterSchema.of(ParameterSchemaTest.FilterSettings.class);

    private static ParameterSpec spec(String name) {
        return S.get(name).orElseThrow();
    }

    @Test
    void aSpecParsesLikeItsSchema() {
        for (String[] c : new String[][] { { "cutoff", "35 Hz" }, { "cutoff", " 12.5" }, { "order", "3" },
            { "rectify", "no" }, { "kind", "lowpass" }, { "label", " a b " } }) {
            assertEquals(S.parse(c[0], c[1]), ParameterSchema.parse(spec(c[0]), c[1]), c[0] + "=" + c[1]);
        }
        assertEquals(35.0, (Double) ParameterSchema.parse(spec("cutoff"), "35 Hz"), 0.0);
        assertEquals(3L, ParameterSchema.parse(spec("order"), "3"));
        assertEquals(Boolean.FALSE, ParameterSchema.parse(spec("rectify"), "no"));
        assertEquals("LOWPASS", ParameterSchema.parse(spec("kind"), "lowpass"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterSchema.parse(spec("order"), "3.5"));
        assertEquals("'3.5' is not an integer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterSchema.parse(spec("rectify"), "maybe"));
    }
}
