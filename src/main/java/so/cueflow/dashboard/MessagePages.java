package so.cueflow.dashboard;

import so.cueflow.http.ApiError;
import so.cueflow.messages.AudiencePreview;
import so.cueflow.messages.Message;
import so.cueflow.messages.MessageEditing;
import so.cueflow.messages.MessageStatus;
import so.cueflow.messages.MessageStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Messages list, new message (type and template), duplicate, delete, and publish/archive with a summary. */
public final class MessagePages {

    private final MessageEditing messages;
    private final Clock clock;

    MessagePages(MessageEditing messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public record Row(Message message, String state, long views, long clicks, String ctr) {
    }

    public record MessageList(List<Row> rows, MessageStatus status, List<MessageStarter> starters) {
    }

    public record NewMessage(List<MessageStarter> starters, Form form) {
    }

    /** What publishing or archiving does, shown before it is done. */
    public record Summary(Message message, String action, long audience, String schedule, String state) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/messages", Access.MEMBER, this::list);
        routes.get("/w/:workspace/messages/new", Access.MEMBER, request -> newPage(Form.empty()));
        routes.post("/w/:workspace/messages/new", Access.MEMBER, this::create);
        routes.post("/w/:workspace/messages/:id/duplicate", Access.MEMBER, this::duplicate);
        routes.get("/w/:workspace/messages/:id/delete", Access.MEMBER, request -> confirmDelete(request));
        routes.post("/w/:workspace/messages/:id/delete", Access.MEMBER, this::delete);
        routes.get("/w/:workspace/messages/:id/publish", Access.MEMBER, request -> summary(request, "publish"));
        routes.post("/w/:workspace/messages/:id/publish", Access.MEMBER, request -> change(request, "publish"));
        routes.get("/w/:workspace/messages/:id/archive", Access.MEMBER, request -> summary(request, "archive"));
        routes.post("/w/:workspace/messages/:id/archive", Access.MEMBER, request -> change(request, "archive"));
    }

    private Reply list(PageRequest request) {
        MessageStatus status = MessageStatus.fromWire(request.query("status")).orElse(null);
        String workspaceId = request.workspace().id();
        Map<String, MessageStore.Totals> totals = messages.totals(workspaceId);
        LocalDate today = today();
        List<Row> rows = messages.list(workspaceId, status).stream().map(message -> {
            MessageStore.Totals counted = totals.getOrDefault(message.id(), new MessageStore.Totals(0, 0));
            return new Row(message, state(message, today), counted.uniqueViews(), counted.uniqueClicks(),
                    ctr(counted.uniqueClicks(), counted.uniqueViews()));
        }).toList();
        return Reply.page("Messages", Section.MESSAGES, "messages/list.jte",
                new MessageList(rows, status, List.of(MessageStarter.values())));
    }

    private Reply newPage(Form form) {
        return new Reply.View(form.valid() ? 200 : 400, "New message", Section.MESSAGES, "messages/new.jte",
                new NewMessage(List.of(MessageStarter.values()), form));
    }

    private Reply create(PageRequest request) {
        Form form = request.form();
        String type = form.value("type");
        if (!type.equals("banner") && !type.equals("modal")) return newPage(form.reject("type", "choose a banner or a modal"));
        Message created = messages.create(request.workspace().id(), MessageStarter.parse(form.value("template")).body(type));
        return Reply.redirect(href(request, created.id()));
    }

    private Reply duplicate(PageRequest request) {
        Message copy = call(() -> messages.duplicate(request.workspace().id(), request.param("id")));
        return Reply.redirect(href(request, copy.id()));
    }

    private Reply confirmDelete(PageRequest request) {
        Message message = find(request);
        return Reply.page("Delete " + message.name(), Section.MESSAGES, "messages/delete.jte",
                new Summary(message, "delete", 0, schedule(message), state(message, today())));
    }

    private Reply delete(PageRequest request) {
        find(request);
        messages.delete(request.workspace().id(), request.param("id"));
        return Reply.redirect(Frame.workspaceHref(request.membership(), "messages"));
    }

    private Reply summary(PageRequest request, String action) {
        Message message = find(request);
        AudiencePreview.Result audience = messages.audience(request.workspace().id(), message.rules());
        return Reply.page(capitalised(action) + " " + message.name(), Section.MESSAGES, "messages/summary.jte",
                new Summary(message, action, audience.count(), schedule(message), state(message, today())));
    }

    private Reply change(PageRequest request, String action) {
        String workspaceId = request.workspace().id();
        String id = request.param("id");
        call(() -> action.equals("publish") ? messages.publish(workspaceId, id) : messages.archive(workspaceId, id));
        return Reply.redirect(href(request, id) + "?done=" + action);
    }

    private Message find(PageRequest request) {
        return messages.find(request.workspace().id(), request.param("id")).orElseThrow(PageError::notFound);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The API's refusals (404, 409) as the dashboard's. */
    static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiError error) {
            if (error.status() == 404) throw PageError.notFound();
            throw new PageError(error.status(), error.getMessage());
        }
    }

    static String href(PageRequest request, String messageId) {
        return Frame.workspaceHref(request.membership(), "messages/" + messageId);
    }

    /** What the dates say about today: Scheduled, Active or Ended (whole UTC days, both ends included). */
    static String state(Message message, LocalDate today) {
        if (message.startDate() != null && today.isBefore(LocalDate.parse(message.startDate()))) return "Scheduled";
        if (message.endDate() != null && today.isAfter(LocalDate.parse(message.endDate()))) return "Ended";
        return "Active";
    }

    static String schedule(Message message) {
        String from = message.startDate() == null ? "from now" : "from " + message.startDate();
        String to = message.endDate() == null ? "with no end date" : "to " + message.endDate() + " (UTC days, inclusive)";
        return from + " " + to;
    }

    static String ctr(long clicks, long views) {
        return views == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * clicks / views);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
