package so.cueflow.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Times.format writes what the ISO formatter writes, across the whole range the API accepts and beyond it. */
class TimesFormatTest {
    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long END = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

    @Test
    void agreesWithTheFormatter() {
        Random random = new Random(1970);
        for (int i = 0; i < 200_000; i++) {
            long millis = i % 2 == 0 ? Math.floorMod(random.nextLong(), END) : random.nextLong(4_200_000_000_000L);
            assertThat(Times.format(millis)).as("%d", millis).isEqualTo(FORMATTER.format(Instant.ofEpochMilli(millis)));
        }
        for (long millis : new long[]{0, 1, 999, 1_000, 86_399_999, 86_400_000, 951_782_400_000L, 4_107_542_399_999L,
                END - 1, END, -1, -86_400_001, Long.MIN_VALUE / 1_000}) {
            assertThat(Times.format(millis)).as("%d", millis).isEqualTo(FORMATTER.format(Instant.ofEpochMilli(millis)));
        }
        assertThat(Times.format(null)).isNull();
    }
}
