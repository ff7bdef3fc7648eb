package so.cueflow.dashboard;

import so.cueflow.events.DayCounts;
import so.cueflow.events.Event;
import so.cueflow.events.EventDayStore;
import so.cueflow.events.EventNameStore;
import so.cueflow.events.EventStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Data › Events: the catalog (with editable display names) and one event's page (daily volume, latest events). */
public final class DataPages {
    static final int LATEST = 20;

    private final EventStore events;
    private final EventNameStore names;
    private final EventDayStore days;
    private final Clock clock;

    DataPages(EventStore events, EventNameStore names, EventDayStore days, Clock clock) {
        this.events = events;
        this.names = names;
        this.days = days;
        this.clock = clock;
    }

    public record Catalog(List<EventStore.EventType> types, Map<String, String> names, String origin) {
        public String nameOf(String key) {
            return names.getOrDefault(key, "");
        }
    }

    public record EventPage(EventStore.EventType type, String displayName, DailyChart chart, List<Event> latest, Form form) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/data", Access.MEMBER, request -> Reply.redirect(Frame.workspaceHref(request.membership(), "data/events")));
        routes.get("/w/:workspace/data/events", Access.MEMBER, this::catalog);
        routes.get("/w/:workspace/data/events/:key", Access.MEMBER, this::event);
        routes.post("/w/:workspace/data/events/:key/name", Access.MEMBER, this::rename);
    }

    private Reply catalog(PageRequest request) {
        String workspaceId = request.workspace().id();
        return Reply.page("Events", Section.DATA, "datasection/events.jte",
                new Catalog(events.catalog(workspaceId), names.names(workspaceId), request.baseUrl()));
    }

    private EventStore.EventType type(PageRequest request) {
        String key = request.param("key");
        return events.catalog(request.workspace().id()).stream().filter(t -> t.eventKey().equals(key)).findFirst()
                .orElseThrow(PageError::notFound);
    }

    private Reply event(PageRequest request) {
        return eventPage(request, type(request), Form.empty(), 200);
    }

    private Reply eventPage(PageRequest request, EventStore.EventType type, Form form, int status) {
        String workspaceId = request.workspace().id();
        long now = clock.millis();
        DailyChart chart = DailyChart.of("Events per day, last 30 days (UTC): " + type.eventKey(), now,
                days.days(workspaceId, DailyChart.firstDay(now), DayCounts.dayOf(now), type.eventKey()), List.of(type.eventKey()));
        String displayName = names.names(workspaceId).getOrDefault(type.eventKey(), "");
        return new Reply.View(status, type.eventKey(), Section.DATA, "datasection/event.jte",
                new EventPage(type, displayName, chart, events.latest(workspaceId, type.eventKey(), LATEST), form));
    }

    private Reply rename(PageRequest request) {
        EventStore.EventType type = type(request);
        Form form = request.form();
        String name = form.trimmed("displayName");
        if (name != null && name.length() > EventNameStore.MAX_NAME) {
            form.reject("displayName", "must be at most " + EventNameStore.MAX_NAME + " characters (got " + name.length() + ")");
            return eventPage(request, type, form, 400);
        }
        names.rename(request.workspace().id(), type.eventKey(), name);
        return Reply.redirect(Frame.workspaceHref(request.membership(), "data/events/" + Links.encode(type.eventKey())));
    }
}
