package so.cueflow.dashboard;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How templates show numbers and times: thousands separators; relative times with the exact UTC time on hover. */
public final class Display {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Display() {
    }

    public static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
    }

    /** "2026-11-27 06:41:53 UTC", or "" for none. */
    public static String utc(Long millis) {
        return millis == null ? "" : UTC.format(Instant.ofEpochMilli(millis));
    }

    /** "3 minutes ago", "in 6 days", "never" for none. */
    public static String relative(Long millis) {
        if (millis == null) return "never";
        long seconds = (millis - System.currentTimeMillis()) / 1000;
        long size = Math.abs(seconds);
        String amount;
        if (size < 60) return seconds <= 0 ? "just now" : "in a moment";
        else if (size < 3600) amount = plural(size / 60, "minute");
        else if (size < 86_400) amount = plural(size / 3600, "hour");
        else if (size < 60 * 86_400) amount = plural(size / 86_400, "day");
        else return DAY.format(Instant.ofEpochMilli(millis));
        return seconds < 0 ? amount + " ago" : "in " + amount;
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
