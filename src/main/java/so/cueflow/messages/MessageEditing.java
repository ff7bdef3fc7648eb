package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.contacts.Contact;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.Targeting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard does to messages, with the API's rules: bodies go through {@link MessageValidator}
 * (so a form gets the API's messages under the API's field paths), and every change refreshes the
 * published-message cache as the API's changes do. Blocking.
 */
public final class MessageEditing {
    private final MessageStore messages;
    private final PublishedMessages published;
    private final Subjects subjects;
    private final AudiencePreview audiences;
    private final Clock clock;

    public MessageEditing(MessageStore messages, PublishedMessages published, Subjects subjects, AudiencePreview audiences,
                          Clock clock) {
        this.messages = messages;
        this.published = published;
        this.subjects = subjects;
        this.audiences = audiences;
        this.clock = clock;
    }

    public List<Message> list(String workspaceId, MessageStatus status) {
        return messages.list(workspaceId, status);
    }

    public Optional<Message> find(String workspaceId, String id) {
        return messages.find(workspaceId, id);
    }

    /** A new draft from a message body as the API takes it; throws the API's 400 when it is invalid. */
    public Message create(String workspaceId, ObjectNode body) {
        return messages.create(workspaceId, MessageValidator.validate(body), clock.millis());
    }

    /** Replaces every editable field of the message with those of {@code body}; the status stays. */
    public Message update(String workspaceId, String id, ObjectNode body) {
        require(workspaceId, id);
        MessageValidator.Valid valid = MessageValidator.validate(body);
        Message updated = messages.modify(workspaceId, id, current -> new Message(id, valid.name(), valid.type(), current.status(),
                        valid.content(), valid.targeting(), valid.rules(), valid.startDate(), valid.endDate(), valid.frequency(),
                        valid.priority(), current.createdAtMillis(), clock.millis()))
                .orElseThrow(() -> ApiError.notFound("not_found", "no message " + id));
        published.changed(workspaceId);
        return updated;
    }

    /** A draft copy named "Copy of …" (cut to the name's 200 characters). */
    public Message duplicate(String workspaceId, String id) {
        ObjectNode body = editableFields(require(workspaceId, id));
        String name = "Copy of " + body.path("name").asText();
        body.put("name", name.length() > 200 ? name.substring(0, 200) : name);
        return create(workspaceId, body);
    }

    public Message publish(String workspaceId, String id) {
        return setStatus(workspaceId, require(workspaceId, id), MessageStatus.PUBLISHED);
    }

    public Message archive(String workspaceId, String id) {
        return setStatus(workspaceId, require(workspaceId, id), MessageStatus.ARCHIVED);
    }

    public boolean delete(String workspaceId, String id) {
        boolean deleted = messages.delete(workspaceId, id);
        published.changed(workspaceId);
        return deleted;
    }

    /** The message's fields as a PATCH/POST body would carry them (no id, status or times). */
    public static ObjectNode editableFields(Message message) {
        ObjectNode body = Json.parseObject(Json.write(message));
        body.retain(MessageValidator.FIELDS);
        return body;
    }

    /** Parses targeting JSON as the API does; throws the API's 400 naming each problem's path. */
    public static Targeting targeting(JsonNode json) {
        return MessageValidator.targetingOf(json);
    }

    public AudiencePreview.Result audience(String workspaceId, Targeting targeting) {
        return audiences.count(workspaceId, targeting);
    }

    /** Each group's and rule's verdict for one contact, as the eligibility explain gives it (no page known). */
    public Explanation explain(String workspaceId, Contact contact, Targeting targeting) {
        var subject = subjects.of(workspaceId, contact, targeting.eventKeysNeedingEvents(), null);
        return new Evaluator(clock).explain(targeting, subject);
    }

    public MessageStore.Stats stats(String workspaceId, String id) {
        return messages.stats(workspaceId, id);
    }

    public Map<String, MessageStore.Totals> totals(String workspaceId) {
        return messages.totals(workspaceId);
    }

    public List<MessageStore.DayCount> daily(String workspaceId, String id, long fromDay) {
        return messages.daily(workspaceId, id, fromDay);
    }

    public List<MessageStore.Recent> latest(String workspaceId, String id, int limit) {
        return messages.latest(workspaceId, id, limit);
    }

    /** The archived check is made on the locked row, so that a publish racing an archive cannot undo it. */
    private Message setStatus(String workspaceId, Message current, MessageStatus status) {
        Message updated = messages.modify(workspaceId, current.id(), fresh -> {
                    if (status == MessageStatus.PUBLISHED && fresh.status() == MessageStatus.ARCHIVED) {
                        throw ApiError.conflict("an archived message cannot be published again; create a new one");
                    }
                    return fresh.with(status, clock.millis());
                })
                .orElseThrow(() -> ApiError.notFound("not_found", "no message " + current.id()));
        published.changed(workspaceId);
        return updated;
    }

    private Message require(String workspaceId, String id) {
        return messages.find(workspaceId, id).orElseThrow(() -> MessageValidator.notFound(id));
    }
}
