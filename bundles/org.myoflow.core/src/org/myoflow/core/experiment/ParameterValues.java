package org.myoflow.core.experiment;

import java.util.Locale;

import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.model.BooleanValue;
import org.myoflow.model.EnumValue;
import org.myoflow.model.FileValue;
import org.myoflow.model.IntegerValue;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.StringValue;

/**
 * Conversion between the model's typed parameter values and the schema's canonical Java values.
 *
 * @since 0.1
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    /** Double, Long, Boolean or String for a stored value. */
    public static Object fromModel(ParameterValue pv) {
        if (pv instanceof NumberValue v) {
            return v.getValue();
        }
        if (pv instanceof IntegerValue v) {
            return v.getValue();
        }
        if (pv instanceof BooleanValue v) {
            return v.isValue();
        }
        if (pv instanceof EnumValue v) {
            return v.getLiteral();
        }
        if (pv instanceof StringValue v) {
            return v.getValue();
        }
        if (pv instanceof FileValue v) {
            return v.getPath();
        }
        throw new IllegalArgumentException("unknown parameter value class " + pv.eClass().getName());
    }

    /** The stored form of a canonical value for a parameter (numbers carry the schema's unit). */
    public static ParameterValue toModel(ParameterSpec spec, Object value) {
        MyoflowFactory f = MyoflowFactory.eINSTANCE;
        ParameterValue pv = switch (spec.type()) {
            case NUMBER -> {
                NumberValue v = f.createNumberValue();
                v.setValue(((Number) value).doubleValue());
                v.setUnit(spec.unit());
                yield v;
            }
            case INTEGER -> {
                IntegerValue v = f.createIntegerValue();
                v.setValue(((Number) value).longValue());
                yield v;
            }
            case BOOLEAN -> {
                BooleanValue v = f.createBooleanValue();
                v.setValue((Boolean) value);
                yield v;
            }
            case ENUM -> {
                EnumValue v = f.createEnumValue();
                v.setLiteral(String.valueOf(value).toUpperCase(Locale.ROOT));
                yield v;
            }
            case STRING -> {
                StringValue v = f.createStringValue();
                v.setValue(String.valueOf(value));
                yield v;
            }
            case FILE -> {
                FileValue v = f.createFileValue();
                v.setPath(String.valueOf(value));
                yield v;
            }
        };
        pv.setKey(spec.name());
        return pv;
    }
}
