package so.cueflow.targeting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads an instant from epoch millis or an ISO-8601 string (instant with offset, or a UTC day). */
public final class EpochMillis {

    private EpochMillis() {
    }

    public static OptionalLong of(Object value) {
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
        }
        if (value instanceof String text) {
            return parse(text);
        }
        return OptionalLong.empty();
    }

    static OptionalLong parse(String text) {
        if (!startsLikeADay(text)) {
            return OptionalLong.empty();
        }
        try {
            if (text.length() == 10) {
                return OptionalLong.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            }
            OffsetDateTime time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return OptionalLong.of(time.toInstant().toEpochMilli());
        } catch (DateTimeParseException | ArithmeticException notADate) {
            return OptionalLong.empty();
        }
    }

    /** yyyy-MM-dd up front: most strings that are no date are turned away without the cost of an exception. */
    private static boolean startsLikeADay(String text) {
        if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
