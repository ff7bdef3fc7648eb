package so.cueflow.dashboard;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;
import so.cueflow.messages.AudiencePreview;
import so.cueflow.messages.Message;
import so.cueflow.messages.MessageEditing;
import so.cueflow.targeting.Explanation;
import so.cueflow.targeting.OperatorTable;
import so.cueflow.targeting.Targeting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message editor: the form with its live preview and rule builder (editor.js), saving through the
 * API's validator, and the two partials the builder asks for as rules change: the audience and a
 * contact's verdicts.
 */
public final class MessageEditorPages {
    private static final int ATTRIBUTE_SAMPLE = 1_000;

    private final MessageEditing messages;
    private final ContactStore contacts;
    private final EventStore events;

    MessageEditorPages(MessageEditing messages, ContactStore contacts, EventStore events) {
        this.messages = messages;
        this.contacts = contacts;
        this.events = events;
    }

    /** {@code data} is the JSON editor.js starts from (operator table, catalog, attributes, problems). */
    public record Editor(Message message, Form form, String data, String notice) {
    }

    public record Audience(long count, List<String> sample, Map<String, String> problems, long millis) {
    }

    public record Verdicts(String externalId, Explanation explanation, Map<String, String> problems) {
    }

    void mount(PageRoutes routes) {
        routes.post("/w/:workspace/messages/audience", Access.MEMBER, this::audience);
        routes.post("/w/:workspace/messages/explain", Access.MEMBER, this::explain);
        routes.get("/w/:workspace/messages/:id", Access.MEMBER, this::edit);
        routes.post("/w/:workspace/messages/:id", Access.MEMBER, this::save);
    }

    private Reply edit(PageRequest request) {
        Message message = find(request);
        String done = request.query("done");
        String notice = "saved".equals(done) ? "Saved." : "publish".equals(done) ? "Published: it shows to its audience now."
                : "archive".equals(done) ? "Archived: it no longer shows." : null;
        return editor(request, message, MessageForm.of(message), notice);
    }

    private Reply save(PageRequest request) {
        Message message = find(request);
        Form form = request.form();
        try {
            messages.update(request.workspace().id(), message.id(), MessageForm.body(form));
        } catch (ApiError error) {
            return editor(request, message, MessageForm.reject(form, error), null);
        }
        return Reply.redirect(MessagePages.href(request, message.id()) + "?done=saved");
    }

    private Reply editor(PageRequest request, Message message, Form form, String notice) {
        String workspaceId = request.workspace().id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operators", OperatorTable.asJson());
        data.put("events", events.catalog(workspaceId).stream()
                .map(type -> Map.of("eventKey", type.eventKey(), "properties", type.propertyTypes())).toList());
        data.put("attributes", contacts.customAttributeNames(workspaceId, ATTRIBUTE_SAMPLE));
        data.put("targeting", MessageForm.targeting(form.value("targeting")));
        data.put("problems", targetingProblems(form.errors()));
        return new Reply.View(form.valid() ? 200 : 400, message.name(), Section.MESSAGES, "messages/edit.jte",
                new Editor(message, form, Json.writeString(data), notice));
    }

    private Reply audience(PageRequest request) {
        long started = System.nanoTime();
        try {
            Targeting targeting = MessageEditing.targeting(MessageForm.targeting(request.form().value("targeting")));
            AudiencePreview.Result result = messages.audience(request.workspace().id(), targeting);
            return partial("messages/audience.jte", new Audience(result.count(), result.sample(), Map.of(),
                    (System.nanoTime() - started) / 1_000_000));
        } catch (ApiError error) {
            return new Reply.View(200, "Audience", Section.MESSAGES, "messages/audience.jte",
                    new Audience(-1, List.of(), problems(error), 0));
        }
    }

    private Reply explain(PageRequest request) {
        Form form = request.form();
        String externalId = form.value("externalId").trim();
        if (externalId.isEmpty()) return verdicts(externalId, null, Map.of("externalId", "enter a contact's external ID"));
        Contact contact = contacts.find(request.workspace().id(), externalId).orElse(null);
        if (contact == null) return verdicts(externalId, null, Map.of("externalId", "no contact with external ID \"" + externalId + "\""));
        try {
            Targeting targeting = MessageEditing.targeting(MessageForm.targeting(form.value("targeting")));
            return verdicts(externalId, messages.explain(request.workspace().id(), contact, targeting), Map.of());
        } catch (ApiError error) {
            return verdicts(externalId, null, problems(error));
        }
    }

    private static Reply verdicts(String externalId, Explanation explanation, Map<String, String> problems) {
        return partial("messages/verdicts.jte", new Verdicts(externalId, explanation, problems));
    }

    private static Reply partial(String template, Object model) {
        return Reply.page("Messages", Section.MESSAGES, template, model);
    }

    private static Map<String, String> problems(ApiError error) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (error.details().isEmpty()) problems.put("targeting", error.getMessage());
        error.details().forEach(problem -> problems.putIfAbsent(problem.field(), problem.message()));
        return problems;
    }

    private static Map<String, String> targetingProblems(Map<String, String> errors) {
        Map<String, String> problems = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            if (field.startsWith("targeting")) problems.put(field, message);
        });
        return problems;
    }

    private Message find(PageRequest request) {
        return messages.find(request.workspace().id(), request.param("id")).orElseThrow(PageError::notFound);
    }
}
