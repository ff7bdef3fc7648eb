package so.cueflow.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The read of the common shape decides every text exactly as the formatters do, and decides the common shapes. */
class IsoTimestampsTest {
    private static final String[] YEARS = {"1970", "2024", "2025", "2000", "1900", "2100", "0000", "9999", "0001", "+2026", "20x6", "٢٠٢٦"};
    private static final String[] MONTHS = {"01", "02", "12", "00", "13", "1", "0a"};
    private static final String[] DAYS = {"01", "28", "29", "30", "31", "00", "32", "9"};
    private static final String[] HOURS = {"00", "09", "23", "24", "99", "7"};
    private static final String[] MINUTES = {"00", "59", "60", "5"};
    private static final String[] SECONDS = {"00", "59", "60", "61", ""};
    private static final String[] FRACTIONS = {"", ".", ".1", ".123", ".999999999", ".1234567890", ".12a", ".000"};
    private static final String[] OFFSETS = {"Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+18:00", "-18:00", "+18:01",
            "+19:00", "+05:60", "+0530", "+05", "+05:30:15", "", "Z ", "UTC", "[UTC]", "Z[UTC]", "+5:30"};
    private static final String[] SEPARATORS = {"T", "t", " "};

    @Test
    void decidesEveryVariantAsTheFormattersDo() {
        Random random = new Random(20261127);
        for (int i = 0; i < 60_000; i++) {
            String text = pick(random, YEARS) + "-" + pick(random, MONTHS) + "-" + pick(random, DAYS) + pick(random, SEPARATORS)
                    + pick(random, HOURS) + ":" + pick(random, MINUTES) + colonSeconds(pick(random, SECONDS))
                    + pick(random, FRACTIONS) + pick(random, OFFSETS);
            assertThat(IsoTimestamps.parse(text)).as(text).isEqualTo(IsoTimestamps.formatted(text));
        }
    }

    @Test
    void readsTheCommonShapesItself() {
        List<String> common = new ArrayList<>(List.of("2026-11-27T09:41:31Z", "2026-11-27T09:41:31.123Z",
                "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "2026-11-27T09:41:31.5+05:30", "2026-01-01T00:00:00-08:00", "2026-06-30T12:00:00.000+18:00"));
        for (String text : common) {
            Instant read = IsoTimestamps.common(text);
            assertThat(read).as(text).isNotNull().isEqualTo(IsoTimestamps.formatted(text));
        }
    }

    @Test
    void leavesEverythingElseToTheFormatters() {
        for (String text : List.of("2025-02-29T00:00:00Z", "2026-11-27t09:41:31Z", "2026-11-27T09:41:31z",
                "2026-11-27T24:00:00Z", "2026-11-27T23:59:60Z", "2026-11-27T09:41Z", "2026-11-27T09:41:31+18:01",
                "+2026-11-27T09:41:31Z", "2026-11-27T09:41:31.Z", "2026-11-27T09:41:31+05:30:15")) {
            assertThat(IsoTimestamps.common(text)).as(text).isNull();
        }
    }

    private static String colonSeconds(String seconds) {
        return seconds.isEmpty() ? "" : ":" + seconds;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
