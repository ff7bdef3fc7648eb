package so.cueflow.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the wire: ISO-8601 UTC with milliseconds. */
public final class Times {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Every date and time the API accepts lies in these years. */
    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 9999;
    public static final String RANGE = "from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";
    private static final Instant FIRST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private Times() {
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(END);
    }

    public static boolean inRange(LocalDate day) {
        return day.getYear() >= FIRST_YEAR && day.getYear() <= LAST_YEAR;
    }

    public static String format(Long epochMillis) {
        return epochMillis == null ? null : ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
