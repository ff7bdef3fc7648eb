package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInvariantsTest {

    @Test
    void anEventRuleRefusesParametersItsOperatorDoesNotTake() {
        assertThatThrownBy(() -> new EventRule("a", EventOperator.HAS_DONE, 3L, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRule("a", EventOperator.LAST_DONE_WITHIN, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRule("a", EventOperator.COUNT_EQUALS, -1L, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRule("a", EventOperator.COUNT_GREATER_THAN, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRule("a", EventOperator.FIRST_DONE_WITHIN, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRule("Bad Key", EventOperator.HAS_DONE, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new EventRule("a", EventOperator.HAS_DONE, null, null, null).where()).isEmpty();
    }

    @Test
    void contactRulesAndConditionsRefuseValuesTheirOperatorCannotCompare() {
        assertThatThrownBy(() -> new ContactRule("plan", ValueOperator.CONTAINS, 5, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactRule("customAttributes.x", ValueOperator.BETWEEN, List.of(1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactRule("signedUpAt", ValueOperator.IS_WITHIN, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactRule("plan", ValueOperator.IS_WITHIN, null, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactRule("nickname", ValueOperator.IS_SET, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PropertyCondition("at", ValueOperator.IS_BEFORE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Group(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollupsCombineToTheSameWhateverTheOrderOfArrival() {
        KeyStats inOrder = KeyStats.of(1).combinedWith(KeyStats.of(5)).combinedWith(KeyStats.of(9));
        KeyStats lateAndOutOfOrder = KeyStats.of(9).combinedWith(KeyStats.of(1)).combinedWith(KeyStats.of(5));

        assertThat(inOrder).isEqualTo(lateAndOutOfOrder).isEqualTo(new KeyStats(3, 1, 9));
        assertThatThrownBy(() -> new KeyStats(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyStats(2, 9, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anActivityTellsLoadedButNoEventsFromNotLoaded() {
        Activity activity = Activity.fromEvents(Map.of(
                "export_completed", List.of(new EventRecord(7, Map.of()), new EventRecord(3, Map.of("format", "csv"))),
                "plan_upgraded", List.of()));

        assertThat(activity.rollup("export_completed")).contains(new KeyStats(2, 3, 7));
        assertThat(activity.rollup("plan_upgraded")).isEmpty();
        assertThat(activity.eventsFor("plan_upgraded")).isEmpty();
        assertThatThrownBy(() -> activity.eventsFor("page_viewed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("page_viewed");
    }
}
