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
    private static final long END_MILLIS = END.toEpochMilli();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Times() {
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(END);
    }

    public static boolean inRange(LocalDate day) {
        return day.getYear() >= FIRST_YEAR && day.getYear() <= LAST_YEAR;
    }

    public static String format(Long epochMillis) {
        if (epochMillis == null) return null;
        long millis = epochMillis;
        return millis >= 0 && millis < END_MILLIS ? inRange(millis) : ISO_MILLIS.format(Instant.ofEpochMilli(millis));
    }

    /** As the formatter writes it, without it: every stored event is written back this way (twice) in answers. */
    private static String inRange(long millis) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        int ofDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] text = new char[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, ofDay / 3_600_000, 2);
        text[13] = ':';
        digits(text, 14, ofDay / 60_000 % 60, 2);
        text[16] = ':';
        digits(text, 17, ofDay / 1_000 % 60, 2);
        text[19] = '.';
        digits(text, 20, ofDay % 1_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
