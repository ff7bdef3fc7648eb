package so.cueflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCapTest {
    @Test
    void theCapLeavesTheReserveForTheStoreAndLogs() {
        assertThat(Config.Http.connectionsFor(1_024, true)).isEqualTo(1_024 - Config.RESERVED_FILES);
        assertThat(Config.Http.connectionsFor(1_048_576, true)).isEqualTo(1_048_576 - Config.RESERVED_FILES);
    }

    @Test
    void aSmallLimitKeepsAQuarterBack() {
        assertThat(Config.Http.connectionsFor(512, true)).isEqualTo(384);
        assertThat(Config.Http.connectionsFor(40, true)).as("never below 64").isEqualTo(64);
    }

    @Test
    void withJavaNioHalfIsKeptBack() {
        assertThat(Config.Http.connectionsFor(1_024, false)).isEqualTo(512);
    }

    @Test
    void anExplicitCapIsUsedAsGiven() {
        assertThat(new Config.Http(10, 30, 300).limits().maxConnections()).isEqualTo(300);
    }
}
