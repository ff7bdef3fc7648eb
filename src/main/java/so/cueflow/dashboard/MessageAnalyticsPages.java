package so.cueflow.dashboard;

import so.cueflow.contacts.ContactStore;
import so.cueflow.http.Json;
import so.cueflow.messages.Message;
import so.cueflow.messages.MessageEditing;
import so.cueflow.messages.MessageStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A message's numbers: unique views, clicks by button, dismissals, CTR, views and clicks per day, latest interactions. */
public final class MessageAnalyticsPages {
    static final int DAYS = 30;
    private static final int LATEST = 20;
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final MessageEditing messages;
    private final ContactStore contacts;
    private final Clock clock;

    MessageAnalyticsPages(MessageEditing messages, ContactStore contacts, Clock clock) {
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
    }

    public record Interaction(String who, String kind, String button, String when) {
    }

    /** {@code chart} is JSON for uPlot: [days as epoch seconds, views, clicks], one entry per UTC day. */
    public record Analytics(Message message, MessageStore.Stats stats, long clicks, String ctr, String chart,
                            List<Interaction> latest) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/messages/:id/analytics", Access.MEMBER, this::analytics);
    }

    private Reply analytics(PageRequest request) {
        String workspaceId = request.workspace().id();
        Message message = messages.find(workspaceId, request.param("id")).orElseThrow(PageError::notFound);
        MessageStore.Stats stats = messages.stats(workspaceId, message.id());
        long clicks = stats.clicksByButton().values().stream().mapToLong(Long::longValue).sum();
        long today = Math.floorDiv(clock.millis(), 86_400_000L);
        String chart = chart(messages.daily(workspaceId, message.id(), today - DAYS + 1), today);
        return Reply.page(message.name() + " · Analytics", Section.MESSAGES, "messages/analytics.jte",
                new Analytics(message, stats, clicks, MessagePages.ctr(stats.uniqueClicks(), stats.uniqueViews()), chart,
                        latest(workspaceId, message.id())));
    }

    private static String chart(List<MessageStore.DayCount> counted, long today) {
        Map<Long, MessageStore.DayCount> byDay = new HashMap<>();
        counted.forEach(day -> byDay.put(day.day(), day));
        List<Long> days = new ArrayList<>();
        List<Long> views = new ArrayList<>();
        List<Long> clicks = new ArrayList<>();
        for (long day = today - DAYS + 1; day <= today; day++) {
            MessageStore.DayCount count = byDay.get(day);
            days.add(day * 86_400L);
            views.add(count == null ? 0 : count.views());
            clicks.add(count == null ? 0 : count.clicks());
        }
        return Json.writeString(List.of(days, views, clicks));
    }

    private List<Interaction> latest(String workspaceId, String messageId) {
        List<MessageStore.Recent> recent = messages.latest(workspaceId, messageId, LATEST);
        Map<String, String> externalIds = contacts.externalIds(workspaceId, recent.stream().map(MessageStore.Recent::contactId).toList());
        return recent.stream().map(row -> new Interaction(externalIds.getOrDefault(row.contactId(), "(erased contact)"),
                row.kind(), row.button() == null ? "" : row.button(), EXACT.format(Instant.ofEpochMilli(row.occurredAt())))).toList();
    }
}
