package so.cueflow.dashboard;

import so.cueflow.contacts.ContactListStore;
import so.cueflow.events.DayCounts;
import so.cueflow.events.EventDayStore;

import java.time.Clock;
import java.util.List;

/** Overview: events per day (from the per-day rollup), contacts in all and active, the top events. */
public final class OverviewPages {
    private static final long WEEK_MS = 7 * DayCounts.DAY_MS;

    private final EventDayStore days;
    private final ContactListStore contacts;
    private final Clock clock;

    OverviewPages(EventDayStore days, ContactListStore contacts, Clock clock) {
        this.days = days;
        this.contacts = contacts;
        this.clock = clock;
    }

    public record Overview(DailyChart chart, long contacts, long activeContacts, List<EventDayStore.KeyTotal> topEvents) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/overview", Access.MEMBER, this::overview);
    }

    private Reply overview(PageRequest request) {
        String workspaceId = request.workspace().id();
        long now = clock.millis();
        long first = DailyChart.firstDay(now);
        long today = DayCounts.dayOf(now);
        List<EventDayStore.KeyTotal> totals = days.totals(workspaceId, first, today);
        List<String> top = totals.stream().limit(DailyChart.TOP_KEYS).map(EventDayStore.KeyTotal::eventKey).toList();
        DailyChart chart = DailyChart.of("Events per day, last 30 days (UTC), by event key — top 5 and the rest",
                now, days.days(workspaceId, first, today, null), top);
        Overview overview = new Overview(chart, contacts.count(workspaceId), contacts.activeSince(workspaceId, now - WEEK_MS),
                totals.stream().limit(10).toList());
        return Reply.page("Overview", Section.OVERVIEW, "overview.jte", overview);
    }
}
