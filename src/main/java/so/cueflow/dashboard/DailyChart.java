package so.cueflow.dashboard;

import so.cueflow.events.DayCounts;
import so.cueflow.events.EventDayStore;
import so.cueflow.http.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events per UTC day for a uPlot chart: one series per top event key and one for the rest, every
 * day of the window present (zero when nothing happened). Built from the per-day rollup only.
 */
public record DailyChart(String caption, String json, long total) {
    public static final int DAYS = 30;
    public static final int TOP_KEYS = 5;

    public boolean empty() {
        return total == 0;
    }

    /** The window of {@link #DAYS} UTC days ending with today. */
    public static long firstDay(long now) {
        return DayCounts.dayOf(now) - DAYS + 1;
    }

    public static DailyChart of(String caption, long now, List<EventDayStore.DayCount> days, List<String> topKeys) {
        long first = firstDay(now);
        Map<String, long[]> series = new LinkedHashMap<>();
        topKeys.forEach(key -> series.put(key, new long[DAYS]));
        long total = 0;
        for (EventDayStore.DayCount count : days) {
            int index = (int) (count.day() - first);
            if (index < 0 || index >= DAYS) continue;
            long[] values = series.get(count.eventKey());
            if (values == null) values = series.computeIfAbsent("Other events", k -> new long[DAYS]);
            values[index] += count.count();
            total += count.count();
        }
        List<Long> timestamps = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) timestamps.add((first + i) * DayCounts.DAY_MS / 1000);
        List<Map<String, Object>> lines = new ArrayList<>();
        series.forEach((label, values) -> lines.add(Map.of("label", label, "values", values)));
        return new DailyChart(caption, Json.writeString(Map.of("days", timestamps, "series", lines)), total);
    }
}
