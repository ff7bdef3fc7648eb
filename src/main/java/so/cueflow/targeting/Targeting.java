package so.cueflow.targeting;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups of which at least one must hold; no groups at all means everyone. The key sets are derived
 * from the groups once, here, because evaluation asks for them on every call.
 */
public record Targeting(List<Group> groups, Set<String> eventKeysNeedingEvents, Set<String> eventKeys) {

    public static final Targeting EVERYONE = new Targeting(List.of());

    public Targeting {
        groups = List.copyOf(groups);
        eventKeysNeedingEvents = keysNeedingEvents(groups);
        eventKeys = allEventKeys(groups);
    }

    public Targeting(List<Group> groups) {
        this(groups, Set.of(), Set.of());
    }

    public boolean targetsEveryone() {
        return groups.isEmpty();
    }

    /** The event keys whose raw events an {@link Activity} must carry: those of rules with where or withinDays. */
    private static Set<String> keysNeedingEvents(List<Group> groups) {
        Set<String> keys = new TreeSet<>();
        for (Group group : groups) {
            for (Rule rule : group.rules()) {
                if (rule instanceof EventRule event && event.needsEvents()) {
                    keys.add(event.eventKey());
                }
            }
        }
        return Set.copyOf(keys);
    }

    /** Every event key any rule looks at. */
    private static Set<String> allEventKeys(List<Group> groups) {
        Set<String> keys = new TreeSet<>();
        groups.forEach(group -> group.rules().stream()
                .filter(EventRule.class::isInstance)
                .forEach(rule -> keys.add(((EventRule) rule).eventKey())));
        return Set.copyOf(keys);
    }
}
