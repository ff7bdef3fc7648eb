package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.contacts.ContactChanges;
import so.cueflow.contacts.ContactValidator;
import so.cueflow.events.EventDraft;
import so.cueflow.events.EventValidator;
import so.cueflow.http.ApiError;
import so.cueflow.http.FlatProperties;
import so.cueflow.http.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each call as what Cueflow's own API would make of it — an event draft, or a contact body
 * validated by the contact validator — so a Segment call and a native one are stored alike.
 */
final class Translation {
    static final String PAGE_VIEWED = "page_viewed";
    static final int MAX_PROPERTIES = 50;
    static final int MAX_ATTRIBUTES = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Translation() {
    }

    static void translate(SegmentCall call, String workspaceId, long now, SegmentWrite write, List<ApiError.FieldProblem> problems) {
        if (call.userId() != null && call.anonymousId() != null) write.join(call.anonymousId(), call.userId());
        switch (call.type()) {
            case TRACK -> track(call, workspaceId, now, write, problems);
            case PAGE, SCREEN -> {
                event(call, PAGE_VIEWED, pageProperties(call), workspaceId, now, write, problems);
                write.seen(call, call.occurredAt());
            }
            case IDENTIFY -> contact(call, identifyBody(call, write), write, problems);
            case GROUP -> contact(call, groupBody(call, write), write, problems);
            case ALIAS -> write.join(call.previousId(), call.userId());
        }
    }

    private static void track(SegmentCall call, String workspaceId, long now, SegmentWrite write, List<ApiError.FieldProblem> problems) {
        String key = EventNames.key(call.event());
        if (key == null) {
            problems.add(new ApiError.FieldProblem(call.path() + (call.path().isEmpty() ? "" : ".") + "event",
                    "must contain an ASCII letter or digit, from which the event key is made"));
            return;
        }
        write.displayName(key, call.event());
        event(call, key, call.properties(), workspaceId, now, write, problems);
    }

    /**
     * The draft the native API would make of the same event: the flattening rules already give
     * valid keys and values, so what is left to check is the time, by the native API's rule.
     */
    private static void event(SegmentCall call, String key, JsonNode properties, String workspaceId, long now,
                              SegmentWrite write, List<ApiError.FieldProblem> problems) {
        Map<String, JsonNode> flat = Flattening.flatten(properties, field(call, "properties"), EventValidator.MAX_PROPERTIES,
                false, write.dropped());
        if (call.occurredAt() > now + EventValidator.MAX_FUTURE_MS) {
            problems.add(new ApiError.FieldProblem(field(call, "timestamp"), "is more than 1 day in the future, even after the clock-skew correction"));
            return;
        }
        if (call.occurredAt() < 0) {
            problems.add(new ApiError.FieldProblem(field(call, "timestamp"), "is before 1970-01-01T00:00:00Z"));
            return;
        }
        Map<String, String> types = new LinkedHashMap<>();
        flat.forEach((name, value) -> types.put(name, FlatProperties.typeOf(value)));
        write.event(call, new EventDraft(workspaceId, call.subject(), key, Json.writeString(flat), types, call.occurredAt(), now,
                call.messageId()));
    }

    /** The embed script's page_viewed properties (url, path) from the call or its context.page, then the rest. */
    private static JsonNode pageProperties(SegmentCall call) {
        ObjectNode properties = NODES.objectNode();
        JsonNode page = call.context() == null ? null : call.context().get("page");
        JsonNode own = call.properties() == null ? NODES.objectNode() : call.properties();
        for (String name : List.of("url", "path")) {
            if (own.hasNonNull(name)) properties.set(name, own.get(name));
            else if (page != null && page.isObject() && page.hasNonNull(name)) properties.set(name, page.get(name));
        }
        if (call.name() != null) properties.put("name", call.name());
        own.fields().forEachRemaining(field -> {
            if (!properties.has(field.getKey())) properties.set(field.getKey(), field.getValue());
        });
        return properties;
    }

    private static void contact(SegmentCall call, ObjectNode body, SegmentWrite write, List<ApiError.FieldProblem> problems) {
        body.put("externalId", call.subject());
        try {
            ContactValidator.Upsert upsert = ContactValidator.forUpsert(body);
            write.contact(call, upsert.changes());
        } catch (ApiError invalid) {
            invalid.details().forEach(problem -> problems.add(new ApiError.FieldProblem(
                    TraitNames.segmentField(call, problem.field()), problem.message())));
        }
    }

    private static ObjectNode identifyBody(SegmentCall call, SegmentWrite write) {
        ObjectNode traits = NODES.objectNode();
        JsonNode contextTraits = call.context() == null ? null : call.context().get("traits");
        if (contextTraits != null && contextTraits.isObject()) traits.setAll((ObjectNode) contextTraits);
        if (call.traits() != null) traits.setAll((ObjectNode) call.traits());
        return TraitNames.contactBody(traits, field(call, "traits"), write.dropped());
    }

    private static ObjectNode groupBody(SegmentCall call, SegmentWrite write) {
        Map<String, JsonNode> attributes = Flattening.flatten(call.traits(), "group", field(call, "traits"),
                MAX_ATTRIBUTES - 1, true, write.dropped());
        ObjectNode custom = NODES.objectNode();
        custom.put("groupId", call.groupId());
        custom.setAll(attributes);
        ObjectNode body = NODES.objectNode();
        body.set("customAttributes", custom);
        return body;
    }

    static String field(SegmentCall call, String name) {
        return call.path().isEmpty() ? name : call.path() + "." + name;
    }
}
