package so.cueflow.messages;

import org.junit.jupiter.api.Test;
import so.cueflow.http.Json;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEnumsTest {
    @Test
    void wireNamesAreTheApisWords() {
        assertThat(Arrays.stream(MessageStatus.values()).map(MessageStatus::wireName)).containsExactly("draft", "published", "archived");
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::wireName)).containsExactly("banner", "modal");
        assertThat(Arrays.stream(Frequency.values()).map(Frequency::wireName)).containsExactly("once", "until_dismissed", "every_time");
    }

    @Test
    void eachWireNameReadsBackAndNothingElseDoes() {
        for (Frequency frequency : Frequency.values()) assertThat(Frequency.fromWire(frequency.wireName())).contains(frequency);
        assertThat(Frequency.fromWire("ONCE")).isEmpty();
        assertThat(MessageStatus.fromWire(null)).isEmpty();
        assertThat(MessageType.fromWire("Banner")).isEmpty();
    }

    @Test
    void jsonCarriesTheWireName() {
        assertThat(Json.writeString(Map.of("values", List.of(MessageStatus.ARCHIVED, MessageType.MODAL, Frequency.UNTIL_DISMISSED))))
                .isEqualTo("{\"values\":[\"archived\",\"modal\",\"until_dismissed\"]}");
    }
}
