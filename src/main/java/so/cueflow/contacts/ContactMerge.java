package so.cueflow.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The contact that results when an anonymous contact is folded into an identified one. */
final class ContactMerge {
    private ContactMerge() {
    }

    static Contact of(Contact from, Contact into, long now) {
        return new Contact(into.id(), into.externalId(),
                either(into.email(), from.email()), either(into.name(), from.name()), either(into.phone(), from.phone()),
                either(into.avatarUrl(), from.avatarUrl()), either(into.role(), from.role()), either(into.plan(), from.plan()),
                either(into.signedUpAtMillis(), from.signedUpAtMillis()),
                attributes(from.customAttributes(), into.customAttributes()),
                Math.min(into.createdAtMillis(), from.createdAtMillis()), now, later(into.lastSeenAtMillis(), from.lastSeenAtMillis()));
    }

    private static <T> T either(T kept, T fallback) {
        return kept != null ? kept : fallback;
    }

    private static Long later(Long a, Long b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }

    private static String attributes(String fromJson, String intoJson) {
        try {
            ObjectNode merged = (ObjectNode) Json.MAPPER.readTree(fromJson);
            merged.setAll((ObjectNode) Json.MAPPER.readTree(intoJson));
            return Json.writeString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException("stored custom attributes are not JSON", e);
        }
    }
}
