package so.cueflow.targeting;

import java.util.Objects;

/** A rule on the page the embed script reports; with no page known, every page rule is false. */
public record PageRule(PageField field, PageOperator operator, String value) implements Rule {

    public PageRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }

    public String valueIn(Page page) {
        return page == null ? null : field.valueOf(page);
    }

    /** False when the page, or this field of it, is unknown — also for not_equals and not_contains. */
    public boolean matches(Page page) {
        String actual = valueIn(page);
        return actual != null && operator.test(actual, value);
    }

    @Override
    public String description() {
        return "page " + field.wireName() + " " + operator.phrase() + " " + ValueOperator.literal(value);
    }
}
