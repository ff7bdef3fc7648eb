package so.cueflow.targeting;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum constant that travels in JSON under its snake_case name. */
interface WireNamed {

    String wireName();

    static <E extends Enum<E> & WireNamed> Optional<E> fromWire(Collection<E> candidates, String name) {
        return candidates.stream().filter(candidate -> candidate.wireName().equals(name)).findFirst();
    }

    static String wireNames(Collection<? extends WireNamed> constants) {
        return constants.stream().map(WireNamed::wireName).collect(Collectors.joining(", "));
    }

    static <E extends Enum<E>> List<E> all(Class<E> type) {
        return Arrays.asList(type.getEnumConstants());
    }
}
