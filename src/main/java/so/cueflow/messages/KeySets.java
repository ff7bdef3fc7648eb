package so.cueflow.messages;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event keys a list of published messages needs beyond the rollups: raw events for rules that filter or window
 * them ({@code withEvents}), and their properties parsed for rules with where conditions ({@code withProperties}).
 */
record KeySets(Set<String> withEvents, Set<String> withProperties) {

    KeySets {
        withEvents = Set.copyOf(withEvents);
        withProperties = Set.copyOf(withProperties);
    }

    static KeySets of(List<Message> messages) {
        Set<String> withEvents = new HashSet<>();
        Set<String> withProperties = new HashSet<>();
        messages.forEach(message -> {
            withEvents.addAll(message.rules().eventKeysNeedingEvents());
            withProperties.addAll(message.rules().eventKeysNeedingProperties());
        });
        return new KeySets(withEvents, withProperties);
    }
}
