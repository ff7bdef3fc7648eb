package so.cueflow.targeting;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Groups of which at least one must hold; no groups at all means everyone. The key sets are derived
 * from the groups once, here, because evaluation asks for them on every call.
 */
public record Targeting(List<Group> groups, Set<String> eventKeysNeedingEvents, Set<String> eventKeysNeedingProperties,
                        Set<String> eventKeys) {

    public static final Targeting EVERYONE = new Targeting(List.of());

    public Targeting {
        groups = List.copyOf(groups);
        eventKeysNeedingEvents = keysOf(groups, EventRule::needsEvents);
        eventKeysNeedingProperties = keysOf(groups, rule -> !rule.where().isEmpty());
        eventKeys = keysOf(groups, rule -> true);
    }

    public Targeting(List<Group> groups) {
        this(groups, Set.of(), Set.of(), Set.of());
    }

    public boolean targetsEveryone() {
        return groups.isEmpty();
    }

    /**
     * The event keys of the event rules that pass the filter; with {@link EventRule#needsEvents}, those whose raw
     * events an {@link Activity} must carry; of rules with where, those whose raw events' properties it must carry.
     */
    private static Set<String> keysOf(List<Group> groups, Predicate<EventRule> filter) {
        Set<String> keys = new TreeSet<>();
        for (Group group : groups) {
            for (Rule rule : group.rules()) {
                if (rule instanceof EventRule event && filter.test(event)) {
                    keys.add(event.eventKey());
                }
            }
        }
        return Set.copyOf(keys);
    }
}
