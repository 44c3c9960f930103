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
}
