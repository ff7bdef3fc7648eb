package so.cueflow.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** ISO-8601 timestamps as the API reads them: in OffsetDateTime's ISO form, else in Instant's. */
final class IsoTimestamps {
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private IsoTimestamps() {
    }

    /** The instant, or null when the text is not a timestamp. */
    static Instant parse(String text) {
        Instant common = common(text);
        return common != null ? common : formatted(text);
    }

    static Instant formatted(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * The shape nearly every client sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, read without the
     * formatter, which took a sixth of batch ingest's CPU. Null for any other text and for any field out of range,
     * so that the formatter decides those exactly as before.
     */
    static Instant common(String s) {
        int length = s.length();
        if (length < 20 || length > 35 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        int hour = number(s, 11, 13);
        int minute = number(s, 14, 16);
        int second = number(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) return null;
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < length && s.charAt(at) >= '0' && s.charAt(at) <= '9') at++;
            int digits = at - start;
            if (digits < 1 || digits > 9) return null;
            nanos = number(s, start, at) * SCALE[digits];
        }
        Integer offset = offsetSeconds(s, at);
        if (offset == null) return null;
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offset, nanos);
    }

    /** {@code Z} or {@code ±HH:MM} from {@code at} to the end, in seconds east of UTC. */
    private static Integer offsetSeconds(String s, int at) {
        int length = s.length();
        if (at == length - 1 && s.charAt(at) == 'Z') return 0;
        if (at != length - 6 || s.charAt(at + 3) != ':') return null;
        char sign = s.charAt(at);
        int hours = number(s, at + 1, at + 3);
        int minutes = number(s, at + 4, at + 6);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) return null;
        int seconds = hours * 3_600 + minutes * 60;
        if (seconds > MAX_OFFSET_SECONDS) return null;
        return sign == '-' ? -seconds : seconds;
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 if any is not one. */
    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
