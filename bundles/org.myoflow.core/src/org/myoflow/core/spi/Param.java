package org.myoflow.core.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public field of a step's settings class as a parameter. The field's Java type gives the
 * parameter type ({@code double} number, {@code int}/{@code long} integer, {@code boolean}, an enum,
 * {@code String}, {@code java.nio.file.Path} file reference) and its initial value the default. This one class
 * drives validation, {@code --set}, the GUI form and persistence.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Param {

    /** One sentence for users: what the parameter means. */
    String description();

    /** Unit of a number parameter, e.g. "Hz", "s", "mm"; empty for dimensionless. */
    String unit() default "";

    /** Inclusive lower bound of a number or integer parameter. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Inclusive upper bound of a number or integer parameter. */
    double max() default Double.POSITIVE_INFINITY;

    /** Parameter name; defaults to the field name. */
    String name() default "";

    /** A string or file parameter with this flag must be given (its default is ignored). */
    boolean required() default false;

    /**
     * When the parameter has an effect: {@code "model=FUGLEVAND_1993"}, {@code "mode=A|B"} or {@code "flag=true"}
     * (another enum or boolean parameter of the same settings class and its values). Empty: always. Forms grey
     * out parameters that do not apply; validation does not refuse values given for them.
     */
    String appliesWhen() default "";

    /**
     * For a string parameter that names a channel (or muscle) of an input: the input port's name. Editors offer
     * that input's channel labels as choices.
     */
    String channelOf() default "";

    /**
     * A string parameter with this flag names a model in the model registry ({@link ModelResolver}): the engine
     * resolves it when it plans the pipeline (a name it cannot find is a validation problem), hashes the model file
     * into the node's cache key and provenance, and the step gets the file through {@link StepContext#model}. Stored
     * as a plain string, so experiment files do not change.
     */
    boolean model() default false;
}
