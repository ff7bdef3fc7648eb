package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import so.cueflow.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented rules of docs/segment.md: event names, flattening, arrays and nulls, clock skew. */
class MappingRulesTest {
    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventNamesBecomeSnakeCaseKeysAndNamesWithoutAsciiLettersOrDigitsHaveNone() {
        assertThat(EventNames.key("Order Completed")).isEqualTo("order_completed");
        assertThat(EventNames.key("orderCompleted")).isEqualTo("order_completed");
        assertThat(EventNames.key("  Product  Added (v2) ")).isEqualTo("product_added_v2");
        assertThat(EventNames.key("404 Seen")).isEqualTo("event_404_seen");
        assertThat(EventNames.key("x".repeat(150))).hasSize(100);
        assertThat(EventNames.key("!!!")).isNull();
        assertThat(EventNames.key("購入")).isNull();
    }

    @Test
    void nestedObjectsAreJoinedWithUnderscoresAndArraysKeptAsJsonText() {
        List<Flattening.Dropped> dropped = new ArrayList<>();
        Map<String, JsonNode> flat = Flattening.flatten(json("{\"a\": {\"b\": {\"c\": 1}}, \"list\": [1, \"x\"], \"ok\": true,"
                + " \"my-key\": \"v\", \"9lives\": 9}"), "properties", 50, false, dropped);

        assertThat(flat.keySet()).containsExactly("a_b_c", "list", "ok", "my_key", "_9lives");
        assertThat(flat.get("list").textValue()).isEqualTo("[1,\"x\"]");
        assertThat(dropped).isEmpty();
    }

    @Test
    void whatCannotBeKeptIsListedWithItsReasonNeverSilentlyDropped() {
        List<Flattening.Dropped> dropped = new ArrayList<>();
        Map<String, JsonNode> flat = Flattening.flatten(json("{\"n\": null, \"long\": \"" + "x".repeat(1001) + "\", \"a_b\": 1,"
                + " \"a\": {\"b\": 2}, \"" + "k".repeat(65) + "\": 1, \"third\": 3, \"fourth\": 4}"), "properties", 2, false, dropped);

        assertThat(flat.keySet()).containsExactly("a_b", "third");
        assertThat(dropped).containsExactly(
                new Flattening.Dropped("properties.n", Flattening.Reason.NULL),
                new Flattening.Dropped("properties.long", Flattening.Reason.TOO_LONG),
                new Flattening.Dropped("properties.a.b", Flattening.Reason.DUPLICATE_KEY),
                new Flattening.Dropped("properties." + "k".repeat(65), Flattening.Reason.KEY_TOO_LONG),
                new Flattening.Dropped("properties.fourth", Flattening.Reason.TOO_MANY));
    }

    @Test
    void forTraitsANullIsKeptToRemoveTheAttribute() {
        List<Flattening.Dropped> dropped = new ArrayList<>();
        Map<String, JsonNode> flat = Flattening.flatten(json("{\"gone\": null}"), "traits", 100, true, dropped);

        assertThat(flat.get("gone").isNull()).isTrue();
        assertThat(dropped).isEmpty();
    }

    @Test
    void theTimestampIsShiftedByTheDifferenceBetweenReceivedAtAndSentAt() {
        assertThat(SegmentTime.corrected(1_000L, 5_000L, 2_000L)).as("device clock 3 s fast").isEqualTo(-2_000L);
        assertThat(SegmentTime.corrected(10_000L, 9_000L, 12_000L)).as("device clock 3 s slow").isEqualTo(13_000L);
        assertThat(SegmentTime.corrected(10_000L, null, 12_000L)).as("no sentAt: taken as it is").isEqualTo(10_000L);
        assertThat(SegmentTime.corrected(null, 9_000L, 12_000L)).as("no timestamp: when received").isEqualTo(12_000L);
    }
}
