package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoflow.core.experiment.ParameterValues;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;

/** One settings class gives types, defaults, ranges, literals and required flags; texts parse; values bind. */
class ParameterSchemaTest {

    public static class FilterSettings {
        public enum Kind {
            LOWPASS, HIGHPASS
        }

        @Param(description = "Cut-off frequency", unit = "Hz", min = 1, max = 500)
        public double cutoff = 20;

        @Param(description = "Filter order", min = 1, max = 8)
        public int order = 4;

        @Param(description = "A long count")
        public long count = 7;

        @Param(description = "Rectify first")
        public boolean rectify = true;

        @Param(description = "Filter kind")
        public Kind kind = Kind.HIGHPASS;

        @Param(description = "Output label")
        public String label = "emg";

        @Param(description = "Calibration file")
        public Path calibration;

        @Param(description = "Subject id", required = true)
        public String subject = "ignored default";

        @Param(description = "Gain", name = "gainDb", unit = "dB", min = -60, max = 60)
        public double gain;

        /** Not annotated: not a parameter. */
        public double scratch = 3;

        @Param(description = "Static fields are not parameters")
        public static double constant = 1;
    }

    private final ParameterSchema schema = ParameterSchema.of(FilterSettings.class);

    private ParameterSpec spec(String name) {
        return schema.get(name).orElseThrow();
    }

    @Test
    void specsInDeclarationOrder() {
        assertEquals(List.of("cutoff", "order", "count", "rectify", "kind", "label", "calibration", "subject",
                "gainDb"), schema.specs().stream().map(ParameterSpec::name).toList());
        assertEquals(FilterSettings.class, schema.settingsClass());
        assertTrue(schema.get("scratch").isEmpty());
        assertTrue(schema.get("constant").isEmpty());
        assertTrue(schema.get("gain").isEmpty(), "renamed to gainDb");
    }

    @Test
    void typesDefaultsAndRequired() {
        assertEquals(List.of(ParameterType.NUMBER, ParameterType.INTEGER, ParameterType.INTEGER,
                ParameterType.BOOLEAN, ParameterType.ENUM, ParameterType.STRING, ParameterType.FILE,
                ParameterType.STRING, ParameterType.NUMBER), schema.specs().stream().map(ParameterSpec::type).toList());
        assertEquals(20.0, spec("cutoff").defaultValue());
        assertEquals(4L, spec("order").defaultValue());
        assertEquals(7L, spec("count").defaultValue());
        assertEquals(Boolean.TRUE, spec("rectify").defaultValue());
        assertEquals("HIGHPASS", spec("kind").defaultValue());
        assertEquals("emg", spec("label").defaultValue());
        assertNull(spec("calibration").defaultValue());
        assertTrue(spec("calibration").required(), "a file without default must be given");
        assertNull(spec("subject").defaultValue(), "required: the default is ignored");
        assertTrue(spec("subject").required());
        assertFalse(spec("cutoff").required());
        assertEquals(0.0, spec("gainDb").defaultValue());
        assertEquals("Cut-off frequency", spec("cutoff").description());
    }

    @Test
    void rangesUnitsAndLiterals() {
        ParameterSpec cutoff = spec("cutoff");
        assertEquals("Hz", cutoff.unit());
        assertEquals(1, cutoff.min());
        assertEquals(500, cutoff.max());
        assertEquals("[1, 500] Hz", cutoff.rangeText());
        assertTrue(cutoff.inRange(1) && cutoff.inRange(500));
        assertFalse(cutoff.inRange(0.999) || cutoff.inRange(500.001));
        assertEquals("[1, 8]", spec("order").rangeText());
        assertEquals("[-60, 60] dB", spec("gainDb").rangeText());
        // an int parameter without bounds is bounded by int
        assertEquals(Integer.MAX_VALUE, ParameterSchema.of(IntOnly.class).get("n").orElseThrow().max());
        assertEquals(List.of("LOWPASS", "HIGHPASS"), spec("kind").literals());
        assertEquals(List.of(), spec("cutoff").literals());
        assertEquals("", spec("label").unit());
    }

    public static class IntOnly {
        @Param(description = "n")
        public int n;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cutoff | 50 Hz | 50.0",
            "cutoff | 50Hz | 50.0",
            "cutoff | ' 12.5 ' | 12.5",
            "cutoff | 1e2 | 100.0",
            "gainDb | -6 dB | -6.0" })
    void parsesNumbersWithOrWithoutUnit(String name, String text, double expected) {
        assertEquals(expected, schema.parse(name, text));
    }

    @Test
    void parsesOtherTypes() {
        assertEquals(3L, schema.parse("order", "3"));
        assertEquals(Boolean.FALSE, schema.parse("rectify", "no"));
        assertEquals(Boolean.TRUE, schema.parse("rectify", "YES"));
        assertEquals(Boolean.TRUE, schema.parse("rectify", "1"));
        assertEquals("LOWPASS", schema.parse("kind", "lowpass"));
        assertEquals(" spaced ", schema.parse("label", " spaced "));
        assertEquals("data/cal.csv", schema.parse("calibration", "data/cal.csv"));
    }

    @Test
    void badTextsAreRefusedWithTheReason() {
        assertEquals("'fast' is not a number (unit Hz)",
                assertThrows(IllegalArgumentException.class, () -> schema.parse("cutoff", "fast")).getMessage());
        assertEquals("unit 'kg' cannot be converted to the parameter's unit 'Hz'",
                assertThrows(IllegalArgumentException.class, () -> schema.parse("cutoff", "50 kg")).getMessage());
        assertEquals("'2.5' is not an integer",
                assertThrows(IllegalArgumentException.class, () -> schema.parse("order", "2.5")).getMessage());
        assertEquals("'maybe' is not a boolean (true/false)",
                assertThrows(IllegalArgumentException.class, () -> schema.parse("rectify", "maybe")).getMessage());
        String m = assertThrows(IllegalArgumentException.class, () -> schema.parse("cutof", "1")).getMessage();
        assertTrue(m.startsWith("unknown parameter 'cutof'; known: [cutoff, order"), m);
    }

    @Test
    void checkReportsEachProblem() {
        Map<String, Object> given = new HashMap<>();
        given.put("cutoff", 600.0);
        given.put("kind", "BANDPASS");
        given.put("extra", 1L);
        given.put("calibration", "cal.csv");
        List<ParameterSchema.Problem> problems = schema.check(given);
        assertTrue(problems.contains(new ParameterSchema.Problem("cutoff", "value 600.0 is out of range [1, 500] Hz")),
                problems.toString());
        assertTrue(problems.contains(new ParameterSchema.Problem("kind", "'BANDPASS' is not one of [LOWPASS, HIGHPASS]")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.parameter().equals("extra")
                && p.message().startsWith("unknown parameter")), problems.toString());
        assertTrue(problems.contains(new ParameterSchema.Problem("subject", "required parameter has no value")),
                problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void resolveFillsDefaultsAndBindSetsFields() {
        Map<String, Object> given = Map.of("cutoff", 50.0, "order", 3L, "kind", "LOWPASS", "calibration",
                "/data/cal.csv", "subject", "S01", "gainDb", -6.0);
        assertEquals(List.of(), schema.check(given));
        Map<String, Object> resolved = schema.resolve(given);
        assertEquals(9, resolved.size());
        assertEquals(7L, resolved.get("count"));
        assertEquals("emg", resolved.get("label"));
        assertEquals(Boolean.TRUE, resolved.get("rectify"));
        assertThrows(UnsupportedOperationException.class, () -> resolved.put("x", 1));

        FilterSettings s = schema.bind(FilterSettings.class, resolved);
        assertEquals(50, s.cutoff);
        assertEquals(3, s.order);
        assertEquals(7, s.count);
        assertTrue(s.rectify);
        assertEquals(FilterSettings.Kind.LOWPASS, s.kind);
        assertEquals("emg", s.label);
        assertEquals(Path.of("/data/cal.csv"), s.calibration);
        assertEquals("S01", s.subject);
        assertEquals(-6, s.gain);
        assertEquals(3, s.scratch, "untouched");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> schema.bind(IntOnly.class, resolved));
        assertTrue(e.getMessage().contains("not " + IntOnly.class.getName()), e.getMessage());
    }

    @Test
    void unusableSettingsClassesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParameterSchema.of(NoDefaultConstructor.class))
                .getMessage().contains("needs a public no-argument constructor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParameterSchema.of(ArrayParam.class))
                .getMessage().contains("unsupported parameter type"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParameterSchema.of(DuplicateName.class))
                .getMessage().contains("duplicate parameter a"));
    }

    public static class NoDefaultConstructor {
        @Param(description = "x")
        public double x;

        public NoDefaultConstructor(double x) {
            this.x = x;
        }
    }

    public static class ArrayParam {
        @Param(description = "x")
        public double[] x;
    }

    public static class DuplicateName {
        @Param(description = "a")
        public double a;

        @Param(description = "b", name = "a")
        public double b;
    }

    @Test
    void modelValuesRoundTrip() {
        for (ParameterSpec s : schema.specs()) {
            Object v = switch (s.type()) {
                case NUMBER -> 42.5;
                case INTEGER -> 5L;
                case BOOLEAN -> Boolean.FALSE;
                case ENUM -> "LOWPASS";
                case STRING -> "text";
                case FILE -> "a/b.csv";
            };
            ParameterValue pv = ParameterValues.toModel(s, v);
            assertEquals(s.name(), pv.getKey());
            assertEquals(v, ParameterValues.fromModel(pv), s.name());
        }
        NumberValue cutoff = assertInstanceOf(NumberValue.class, ParameterValues.toModel(spec("cutoff"), 10));
        assertEquals("Hz", cutoff.getUnit());
        assertEquals(10.0, cutoff.getValue());
    }

    /** A base settings class shared by several steps. */
    public static class BaseSettings {
        @Param(description = "first")
        public int alpha = 1;

        @Param(description = "second")
        public int beta = 2;
    }

    /** A step's settings adding its own parameters. */
    public static class DerivedSettings extends BaseSettings {
        @Param(description = "third")
        public int gamma = 3;

        @Param(description = "fourth")
        public int delta = 4;
    }

    @Test
    void inheritedParametersComeFirstInDeclarationOrder() {
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), ParameterSchema.of(DerivedSettings.class).specs()
                .stream().map(ParameterSpec::name).toList());
    }
}
