package so.cueflow.embed;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.contacts.ContactStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Blocking;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.Requests;
import so.cueflow.messages.Eligibility;
import so.cueflow.messages.Verdict;
import so.cueflow.messages.Interaction;
import so.cueflow.messages.Message;
import so.cueflow.messages.MessageStore;
import so.cueflow.messages.MessageType;
import so.cueflow.messages.PublishedMessages;
import so.cueflow.messages.Subjects;
import so.cueflow.targeting.Page;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The messages a browser's user sees on its page, and that user's views, clicks and dismissals. */
final class EmbedMessageRoutes {
    private static final Set<String> MESSAGE_PARAMS = Set.of("userId", "userHash", "url", "showing");
    private static final Set<String> INTERACTION_FIELDS = Set.of("userId", "userHash", "messageId", "kind", "button");
    private static final int MAX_SHOWING = 10;
    private static final int MAX_MESSAGE_ID = 64;
    private static final int MAX_URL = 4_096;

    private final Eligibility eligibility;
    private final PublishedMessages published;
    private final MessageStore messages;
    private final ContactStore contacts;
    private final Clock clock;

    /** What the script renders: nothing of the message's targeting, name or schedule. */
    record EmbedMessage(String id, MessageType type, @JsonRawValue String content) {
        static EmbedMessage of(Message message) {
            return new EmbedMessage(message.id(), message.type(), message.content());
        }
    }

    EmbedMessageRoutes(Eligibility eligibility, PublishedMessages published, MessageStore messages, ContactStore contacts,
                       Clock clock) {
        this.eligibility = eligibility;
        this.published = published;
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * {@code GET /api/v1/embed/messages?userId=&userHash=&url=&showing=}: the eligible messages, by
     * the same verdicts as the secret API. A message the page is already {@code showing} stays listed
     * while its schedule and targeting hold: its own view must not hide it under {@code once}.
     */
    void eligible(RoutingContext ctx) {
        MultiMap query = ctx.queryParams();
        Fields fields = new Fields(Json.MAPPER.createObjectNode());
        query.names().forEach(name -> {
            if (!MESSAGE_PARAMS.contains(name)) fields.problem(name, "unknown parameter; allowed are " + String.join(", ", new TreeSet<>(MESSAGE_PARAMS)));
            else if (query.getAll(name).size() > 1) fields.problem(name, "is given more than once");
        });
        EmbedUser user = EmbedUser.read(new Fields(queryObject(query), "", fields.problems()));
        List<String> showing = showing(query.get("showing"), fields);
        if (user != null) user.verify(ctx.get(Cors.SETTINGS));
        fields.throwIfInvalid();
        Page page = Subjects.page(query.get("url"));
        if (page != null && page.url().length() > MAX_URL) throw ApiError.invalid("url", "must be at most " + MAX_URL + " characters");
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respondLater(ctx, 200, eligibility.evaluateLater(workspaceId, user.userId(), page, Blocking.executor(ctx.vertx()))
                .thenApply(found -> {
                    List<EmbedMessage> shown = new ArrayList<>();
                    for (Verdict verdict : found.orElseThrow(() -> ContactRoutes.notFound(user.userId()))) {
                        if (verdict.eligible() || stillShowing(verdict, showing)) shown.add(EmbedMessage.of(verdict.message()));
                    }
                    return Json.success("messages", shown);
                }));
    }

    private static boolean stillShowing(Verdict verdict, List<String> showing) {
        return showing.contains(verdict.message().id()) && verdict.reason() == Verdict.Reason.ALREADY_SEEN
                && verdict.targetingMatches();
    }

    private static ObjectNode queryObject(MultiMap query) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (String name : List.of("userId", "userHash")) {
            if (query.get(name) != null) node.put(name, query.get(name));
        }
        return node;
    }

    private static List<String> showing(String text, Fields fields) {
        if (text == null || text.isEmpty()) return List.of();
        List<String> ids = Arrays.asList(text.split(",", -1));
        if (ids.size() > MAX_SHOWING || ids.stream().anyMatch(id -> id.isEmpty() || id.length() > MAX_MESSAGE_ID)) {
            fields.problem("showing", "must be up to " + MAX_SHOWING + " message ids separated by commas");
            return List.of();
        }
        return ids;
    }

    /** {@code POST /api/v1/embed/interactions}: a view, click (of which button) or dismissal of a published message. */
    void interaction(RoutingContext ctx) {
        ObjectNode body = Requests.bodyObject(ctx);
        Fields fields = new Fields(body);
        fields.rejectUnknown(INTERACTION_FIELDS);
        EmbedUser user = EmbedUser.read(fields);
        String messageId = fields.requiredString("messageId", MAX_MESSAGE_ID);
        Interaction interaction = interactionOf(body, fields);
        if (user != null) user.verify(ctx.get(Cors.SETTINGS));
        fields.throwIfInvalid();
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 201, () -> {
            if (published.of(workspaceId).stream().noneMatch(message -> message.id().equals(messageId))) {
                throw ApiError.notFound("not_found", "no published message with id \"" + messageId + "\" in this workspace");
            }
            Contact contact = contacts.find(workspaceId, user.userId()).orElseThrow(() -> ContactRoutes.notFound(user.userId()));
            messages.recordInteraction(workspaceId, messageId, contact.id(), interaction.kind(), interaction.button(), clock.millis());
            return Json.success("recorded", interaction.kind());
        });
    }

    /** Kind and button by the secret API's own rules; their problems join the others. */
    private static Interaction interactionOf(ObjectNode body, Fields fields) {
        ObjectNode own = Json.MAPPER.createObjectNode().put("externalId", "-");
        for (String name : List.of("kind", "button")) {
            if (body.has(name)) own.set(name, body.get(name));
        }
        try {
            return Interaction.parse(own);
        } catch (ApiError invalid) {
            invalid.details().forEach(problem -> fields.problem(problem.field(), problem.message()));
            return null;
        }
    }
}
