package so.cueflow.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes numbers and times: thousands separators, UTC, "3 h ago". */
public final class Show {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Show() {
    }

    public static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** "2026-11-27 06:41:53 UTC", or "—" when unknown. */
    public static String utc(Long epochMillis) {
        return epochMillis == null ? "—" : UTC.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String day(Long epochMillis) {
        return epochMillis == null ? "—" : DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    /** "just now", "5 min ago", "3 h ago", "12 days ago", or "never". */
    public static String ago(Long epochMillis) {
        if (epochMillis == null) return "never";
        Duration age = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - epochMillis));
        if (age.toMinutes() < 1) return "just now";
        if (age.toHours() < 1) return age.toMinutes() + " min ago";
        if (age.toDays() < 1) return age.toHours() + " h ago";
        if (age.toDays() < 60) return age.toDays() + (age.toDays() == 1 ? " day ago" : " days ago");
        return day(epochMillis);
    }
}
