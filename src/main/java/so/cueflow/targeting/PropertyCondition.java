package so.cueflow.targeting;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** One "where" condition on an event's properties; only events meeting all of them count. */
public record PropertyCondition(String property, ValueOperator operator, Object value) {

    public static final Pattern PROPERTY_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

    public PropertyCondition {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(operator, "operator");
        if (!PROPERTY_NAME.matcher(property).matches()) {
            throw new IllegalArgumentException("not a property name: " + property);
        }
        if (!ValueOperator.FOR_PROPERTIES.contains(operator)) {
            throw new IllegalArgumentException(operator.wireName() + " does not apply to event properties");
        }
        operator.requireComparableWith(value);
        value = value instanceof List<?> bounds ? List.copyOf(bounds) : value;
    }

    public boolean matches(Map<String, Object> properties) {
        return operator.test(properties.get(property), value);
    }

    public String description() {
        return property + " " + operator.describe(value, null);
    }
}
