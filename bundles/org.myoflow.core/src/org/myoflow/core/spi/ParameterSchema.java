package org.myoflow.core.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a step, derived from one settings class whose public fields carry {@link Param}. Values are
 * held in canonical Java types: NUMBER {@code Double}, INTEGER {@code Long}, BOOLEAN {@code Boolean}, ENUM,
 * STRING and FILE {@code String}.
 *
 * @since 0.1
 */
public final class ParameterSchema {

    /** A step without parameters. */
    public static final ParameterSchema EMPTY = new ParameterSchema(null, List.of(), Map.of());

    private final Class<?> settingsClass;
    private final List<ParameterSpec> specs;
    private final Map<String, Field> fields;

    private ParameterSchema(Class<?> settingsClass, List<ParameterSpec> specs, Map<String, Field> fields) {
        this.settingsClass = settingsClass;
        this.specs = List.copyOf(specs);
        this.fields = fields;
    }

    /**
     * Reads the schema from a settings class: a public class with a public no-argument constructor whose public
     * non-static fields annotated with {@link Param} are the parameters, in declaration order.
     */
    public static ParameterSchema of(Class<?> settingsClass) {
        Object defaults = instantiate(settingsClass);
        List<ParameterSpec> specs = new ArrayList<>();
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : settingsClass.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String name = p.name().isEmpty() ? f.getName() : p.name();
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException(settingsClass.getName() + ": duplicate parameter " + name);
            }
            ParameterType type = typeOf(f);
            Object def;
            try {
                def = canonical(type, f.get(defaults));
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException(settingsClass.getName() + "." + f.getName() + " is not public", e);
            }
            List<String> literals = type == ParameterType.ENUM
                    ? Arrays.stream(f.getType().getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList()
                    : List.of();
            double min = p.min();
            double max = p.max();
            if (type == ParameterType.INTEGER) {
                min = Math.max(min, f.getType() == int.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
                max = Math.min(max, f.getType() == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
            }
            if (p.model() && type != ParameterType.STRING) {
                throw new IllegalArgumentException(settingsClass.getName() + "." + f.getName()
                        + ": a model parameter must be a String");
            }
            specs.add(new ParameterSpec(name, type, p.unit(), p.required() ? null : def, min, max, literals,
                    p.required() || def == null, p.description(), condition(settingsClass, name, p.appliesWhen()),
                    p.channelOf().isEmpty() ? null : p.channelOf(), p.model()));
            fields.put(name, f);
        }
        // getFields() order is unspecified: keep declaration order for forms and docs, superclass fields first
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = settingsClass; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<String> declared = chain.stream().flatMap(c -> Arrays.stream(c.getDeclaredFields()))
                .map(Field::getName).toList();
        specs.sort((a, b) -> Integer.compare(declared.indexOf(fields.get(a.name()).getName()),
                declared.indexOf(fields.get(b.name()).getName())));
        for (ParameterSpec s : specs) {
            ParameterSpec.Condition c = s.appliesWhen();
            if (c == null) {
                continue;
            }
            ParameterSpec ctl = specs.stream().filter(x -> x.name().equals(c.parameter())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(settingsClass.getName() + "." + s.name()
                            + ": appliesWhen names no parameter '" + c.parameter() + "'"));
            List<String> allowed = ctl.type() == ParameterType.BOOLEAN ? List.of("true", "false")
                    : ctl.type() == ParameterType.ENUM ? ctl.literals() : List.of();
            if (!allowed.containsAll(c.values())) {
                throw new IllegalArgumentException(settingsClass.getName() + "." + s.name() + ": appliesWhen "
                        + c + " needs an enum or boolean parameter and its values " + allowed);
            }
        }
        return new ParameterSchema(settingsClass, specs, fields);
    }

    private static ParameterSpec.Condition condition(Class<?> cls, String name, String text) {
        if (text.isBlank()) {
            return null;
        }
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(cls.getName() + "." + name + ": appliesWhen must read "
                    + "'parameter=value|value', got '" + text + "'");
        }
        return new ParameterSpec.Condition(text.substring(0, eq).trim(),
                Arrays.stream(text.substring(eq + 1).split("\\|")).map(String::trim).toList());
    }

    public List<ParameterSpec> specs() {
        return specs;
    }

    public Optional<ParameterSpec> get(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Class<?> settingsClass() {
        return settingsClass;
    }

    /**
     * Checks given values against the schema: unknown names, wrong types, out-of-range values, bad enum literals,
     * missing required values. Returns problems as (parameter, message); empty when valid.
     */
    public List<Problem> check(Map<String, Object> given) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Optional<ParameterSpec> spec = get(e.getKey());
            if (spec.isEmpty()) {
                problems.add(new Problem(org.myoflow.core.engine.Texts.escape(e.getKey()), "unknown parameter; known: "
                        + names()));
                continue;
            }
            String msg = checkValue(spec.get(), e.getValue());
            if (msg != null) {
                problems.add(new Problem(e.getKey(), msg));
            }
        }
        for (ParameterSpec s : specs) {
            if (s.required() && given.get(s.name()) == null) {
                problems.add(new Problem(s.name(), "required parameter has no value"));
            }
        }
        return problems;
    }

    /** Given values completed with defaults (given values are assumed valid). */
    public Map<String, Object> resolve(Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            Object v = given.containsKey(s.name()) ? given.get(s.name()) : s.defaultValue();
            out.put(s.name(), v);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Parses a textual value for one parameter, by the same rules as {@link #parse(String, String)} (the one parser
     * of parameter text: {@code --set}, the pipeline editor's forms).
     */
    public static Object parse(ParameterSpec spec, String text) {
        return new ParameterSchema(null, List.of(spec), Map.of()).parse(spec.name(), text);
    }

    /** Parses a textual value (from {@code --set} or a form) into the parameter's canonical type. */
    public Object parse(String name, String text) {
        ParameterSpec s = get(name).orElseThrow(() -> new IllegalArgumentException("unknown parameter "
                + org.myoflow.core.engine.Texts.quote(name) + "; known: " + names()));
        String t = text.trim();
        if (t.isEmpty() && s.type() != ParameterType.STRING && s.type() != ParameterType.FILE) {
            throw new IllegalArgumentException("empty value; expected " + expected(s));
        }
        try {
            return switch (s.type()) {
                case NUMBER -> Units.parse(t, s.unit());
                case INTEGER -> Long.parseLong(t);
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> Boolean.TRUE;
                    case "false", "no", "0" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(org.myoflow.core.engine.Texts.quote(text)
                            + " is not a boolean (true/false)");
                };
                case ENUM -> t.toUpperCase(Locale.ROOT);
                case STRING, FILE -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(org.myoflow.core.engine.Texts.quote(text) + " is not " + expected(s));
        }
    }

    /** "a number (unit s)", "an integer", "a boolean (true/false)", "one of [A, B]". */
    private static String expected(ParameterSpec s) {
        return switch (s.type()) {
            case NUMBER -> "a number" + (s.unit().isEmpty() ? "" : " (unit " + s.unit() + ")");
            case INTEGER -> "an integer";
            case BOOLEAN -> "a boolean (true/false)";
            case ENUM -> "one of " + s.literals();
            case STRING, FILE -> "text";
        };
    }

    /** Creates the settings object from resolved values (see {@link #resolve}). */
    public <S> S bind(Class<S> type, Map<String, Object> resolved) {
        if (settingsClass == null || !type.isAssignableFrom(settingsClass)) {
            throw new IllegalArgumentException("step settings are " + settingsClass + ", not " + type.getName());
        }
        S obj = type.cast(instantiate(settingsClass));
        for (ParameterSpec s : specs) {
            Field f = fields.get(s.name());
            Object v = resolved.get(s.name());
            if (v == null) {
                continue;
            }
            try {
                f.set(obj, toField(f.getType(), v));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return obj;
    }

    private String names() {
        return specs.stream().map(ParameterSpec::name).toList().toString();
    }

    private static String checkValue(ParameterSpec s, Object v) {
        if (v == null) {
            return s.required() ? "required parameter has no value" : null;
        }
        switch (s.type()) {
            case NUMBER, INTEGER -> {
                if (!(v instanceof Number n)) {
                    return "expected " + s.type().name().toLowerCase(Locale.ROOT) + ", got " + describe(v);
                }
                if (s.type() == ParameterType.INTEGER && !(v instanceof Long || v instanceof Integer)) {
                    return "expected an integer, got " + v;
                }
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return "value " + d + " is not a finite number";
                }
                if (!s.inRange(d)) {
                    return "value " + v + " is out of range " + s.rangeText();
                }
                return null;
            }
            case BOOLEAN -> {
                return v instanceof Boolean ? null : "expected a boolean, got " + describe(v);
            }
            case ENUM -> {
                return s.literals().contains(String.valueOf(v)) ? null
                        : org.myoflow.core.engine.Texts.quote(String.valueOf(v)) + " is not one of " + s.literals();
            }
            case STRING, FILE -> {
                return v instanceof String ? null : "expected text, got " + describe(v);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
    }

    private static ParameterType typeOf(Field f) {
        Class<?> t = f.getType();
        if (t == double.class || t == Double.class || t == float.class) {
            return ParameterType.NUMBER;
        }
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
            return ParameterType.INTEGER;
        }
        if (t == boolean.class || t == Boolean.class) {
            return ParameterType.BOOLEAN;
        }
        if (t.isEnum()) {
            return ParameterType.ENUM;
        }
        if (t == String.class) {
            return ParameterType.STRING;
        }
        if (t == Path.class) {
            return ParameterType.FILE;
        }
        throw new IllegalArgumentException(f + ": unsupported parameter type " + t.getName());
    }

    private static Object canonical(ParameterType type, Object v) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case NUMBER -> ((Number) v).doubleValue();
            case INTEGER -> ((Number) v).longValue();
            case BOOLEAN -> v;
            case ENUM -> ((Enum<?>) v).name();
            case STRING -> v;
            case FILE -> v.toString();
        };
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object toField(Class<?> t, Object v) {
        if (t == double.class || t == Double.class) {
            return ((Number) v).doubleValue();
        }
        if (t == float.class) {
            return ((Number) v).floatValue();
        }
        if (t == int.class || t == Integer.class) {
            return ((Number) v).intValue();
        }
        if (t == long.class || t == Long.class) {
            return ((Number) v).longValue();
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class) t, String.valueOf(v));
        }
        if (t == Path.class) {
            return Path.of(String.valueOf(v));
        }
        return v;
    }

    private static Object instantiate(Class<?> c) {
        try {
            Constructor<?> ctor = c.getConstructor();
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(c.getName() + " needs a public no-argument constructor", e);
        }
    }

    /**
     * A problem with one parameter.
     *
     * @param parameter parameter name
     * @param message   what is wrong
     */
    public record Problem(String parameter, String message) {
    }
}
