package so.cueflow.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTest {
    @Test
    void aFloodLogsOneLinePerIntervalAndTheNextLineCountsWhatWasLeftOut() {
        Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(now.get()); }
        };
        ThrottledLog log = new ThrottledLog(logger, clock, 10_000);

        for (int i = 0; i < 1_000; i++) log.info("refused origin {}", "https://evil.example");
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("refused origin https://evil.example");

        now.addAndGet(9_999);
        log.info("refused origin {}", "https://evil.example");
        assertThat(lines.list).hasSize(1);

        now.addAndGet(1);
        log.info("refused origin {}", "https://other.example");
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("refused origin https://other.example (1000 similar lines left out in the last interval)");
    }
}
