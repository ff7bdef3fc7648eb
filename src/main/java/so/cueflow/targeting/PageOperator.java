package so.cueflow.targeting;

import java.util.Locale;

public enum PageOperator implements WireNamed {
    EQUALS,
    NOT_EQUALS,
    CONTAINS,
    NOT_CONTAINS,
    STARTS_WITH,
    ENDS_WITH;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @Override
    public String wireName() {
        return wireName;
    }

    boolean test(String actual, String expected) {
        return switch (this) {
            case EQUALS -> actual.equals(expected);
            case NOT_EQUALS -> !actual.equals(expected);
            case CONTAINS -> actual.contains(expected);
            case NOT_CONTAINS -> !actual.contains(expected);
            case STARTS_WITH -> actual.startsWith(expected);
            case ENDS_WITH -> actual.endsWith(expected);
        };
    }

    String phrase() {
        return switch (this) {
            case EQUALS -> "equals";
            case NOT_EQUALS -> "does not equal";
            case CONTAINS -> "contains";
            case NOT_CONTAINS -> "does not contain";
            case STARTS_WITH -> "starts with";
            case ENDS_WITH -> "ends with";
        };
    }
}
