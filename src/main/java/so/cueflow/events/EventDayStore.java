package so.cueflow.events;

import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-day rollup {@code event_days}: stored events per (workspace, UTC day, event key). Every
 * writer of the events table applies its change here in its own transaction, so the rollup always
 * equals a recount of the stored events; the dashboard's charts read only this table.
 */
public final class EventDayStore {
    private static final String UPSERT = "INSERT INTO event_days (workspace_id, day, event_key, event_count) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (workspace_id, day, event_key) DO UPDATE SET event_count = event_days.event_count + excluded.event_count";
    private static final String DELETE_EMPTY = "DELETE FROM event_days WHERE workspace_id = ? AND day = ? AND event_key = ?"
            + " AND event_count <= 0";

    private final Database database;

    public EventDayStore(Database database) {
        this.database = database;
    }

    public record DayCount(long day, String eventKey, long count) {
    }

    public record KeyTotal(String eventKey, long count) {
    }

    /** Applies the changes in the caller's transaction; rows that reach zero are removed. */
    public static void apply(Connection connection, DayCounts counts) throws SQLException {
        if (counts.isEmpty()) return;
        boolean anyDecrease = false;
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Map.Entry<DayCounts.Key, Long> change : counts.changes().entrySet()) {
                bind(upsert, change.getKey());
                upsert.setLong(4, change.getValue());
                upsert.addBatch();
                anyDecrease |= change.getValue() < 0;
            }
            upsert.executeBatch();
        }
        if (!anyDecrease) return;
        try (PreparedStatement delete = connection.prepareStatement(DELETE_EMPTY)) {
            for (Map.Entry<DayCounts.Key, Long> change : counts.changes().entrySet()) {
                if (change.getValue() >= 0) continue;
                bind(delete, change.getKey());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, DayCounts.Key key) throws SQLException {
        statement.setString(1, key.workspaceId());
        statement.setLong(2, key.day());
        statement.setString(3, key.eventKey());
    }

    /** Counts of the days {@code fromDay..toDay} (inclusive), of one key or (null) every key. */
    public List<DayCount> days(String workspaceId, long fromDay, long toDay, String eventKey) {
        String sql = "SELECT day, event_key, event_count FROM event_days WHERE workspace_id = ? AND day >= ? AND day <= ?"
                + (eventKey == null ? "" : " AND event_key = ?") + " ORDER BY day, event_key";
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, workspaceId);
                select.setLong(2, fromDay);
                select.setLong(3, toDay);
                if (eventKey != null) select.setString(4, eventKey);
                List<DayCount> days = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) days.add(new DayCount(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                }
                return days;
            }
        });
    }

    /** Event keys by their count over the days {@code fromDay..toDay}, largest first. */
    public List<KeyTotal> totals(String workspaceId, long fromDay, long toDay) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_key, SUM(event_count) AS total"
                    + " FROM event_days WHERE workspace_id = ? AND day >= ? AND day <= ? GROUP BY event_key"
                    + " ORDER BY total DESC, event_key")) {
                select.setString(1, workspaceId);
                select.setLong(2, fromDay);
                select.setLong(3, toDay);
                List<KeyTotal> totals = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) totals.add(new KeyTotal(rows.getString(1), rows.getLong(2)));
                }
                return totals;
            }
        });
    }
}
