package so.cueflow.messages;

import com.fasterxml.jackson.core.type.TypeReference;
import so.cueflow.contacts.Contact;
import so.cueflow.events.EventStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;
import so.cueflow.targeting.CompiledTargetings;
import so.cueflow.targeting.ContactFacts;
import so.cueflow.targeting.ContactFields;
import so.cueflow.targeting.Page;
import so.cueflow.targeting.Subject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Builds what targeting evaluates — a contact's fields, activity and page — from the store. */
public final class Subjects {
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final EventStore events;
    private final ActivityCache cache;

    public Subjects(EventStore events) {
        this(events, new ActivityCache(0));
    }

    public Subjects(EventStore events, ActivityCache cache) {
        this.events = events;
        this.cache = cache;
    }

    /** Blocking. Raw events are loaded only for the keys whose rules filter or window them. */
    public Subject of(String workspaceId, Contact contact, Set<String> keysNeedingEvents, Page page) {
        return of(workspaceId, contact, keysNeedingEvents, keysNeedingEvents, page);
    }

    /** Blocking. Properties of raw events are parsed only for the keys whose rules have where conditions. */
    public Subject of(String workspaceId, Contact contact, Set<String> keysNeedingEvents, Set<String> keysNeedingProperties,
                      Page page) {
        return new Subject(fields(contact), events.activityOf(workspaceId, contact.id(), keysNeedingEvents, keysNeedingProperties), page);
    }

    /** A contact as compiled targetings evaluate it. */
    record Evaluated(ContactFields fields, ContactFacts facts) {
    }

    /**
     * Without reading the store: the contact's fields (derived again when its row changed) and its kept facts, which
     * are null when they no longer hold; then {@link #withFactsRead} reads them.
     */
    Evaluated kept(String workspaceId, Contact contact, long eventCount, CompiledTargetings targetings) {
        ActivityCache.Kept kept = cache.kept(workspaceId, contact, eventCount, targetings);
        if (kept.fields() != null) return new Evaluated(kept.fields(), kept.facts());
        ContactFields fields = fields(contact);
        if (kept.facts() != null) cache.keep(workspaceId, contact, fields, targetings, kept.facts());
        return new Evaluated(fields, kept.facts());
    }

    /** Blocking. The contact's facts derived from its activity read now, kept with its fields. */
    Evaluated withFactsRead(String workspaceId, Contact contact, ContactFields fields, CompiledTargetings targetings) {
        ContactFacts facts = targetings.factsOf(events.activityOf(workspaceId, contact.id(), targetings.keysNeedingEvents(),
                targetings.keysNeedingProperties()));
        cache.keep(workspaceId, contact, fields, targetings, facts);
        return new Evaluated(fields, facts);
    }

    public static ContactFields fields(Contact contact) {
        return new ContactFields(contact.externalId(), contact.email(), contact.name(), contact.phone(), contact.avatarUrl(),
                contact.role(), contact.plan(), contact.signedUpAtMillis(), contact.createdAtMillis(),
                contact.updatedAtMillis(), contact.lastSeenAtMillis(), attributes(contact.customAttributes()));
    }

    static Map<String, Object> attributes(String json) {
        try {
            return Json.MAPPER.readValue(json, ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("stored custom attributes are not JSON", e);
        }
    }

    /** The page from a {@code url} parameter: an absolute URL or a path; null when none was given. */
    public static Page page(String url) {
        if (url == null || url.isEmpty()) return null;
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getScheme() != null && uri.getHost() == null) throw new IllegalArgumentException();
            return new Page(url, path);
        } catch (Exception e) {
            throw ApiError.invalid("url", "must be an absolute URL such as https://app.example.com/settings or a path such as /settings");
        }
    }
}
