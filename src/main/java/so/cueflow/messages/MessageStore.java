package so.cueflow.messages;

import so.cueflow.storage.CorrelatedValue;
import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

public final class MessageStore {
    private static final String COLUMNS = "id, name, message_type, status, content, targeting, start_date, end_date,"
            + " frequency, priority, created_at, updated_at";

    private final Database database;

    public MessageStore(Database database) {
        this.database = database;
    }

    /** What a contact has done with each message: whether it was seen and whether it was dismissed. */
    public record Interactions(boolean viewed, boolean dismissed) {
    }

    public record Stats(long uniqueViews, long views, Map<String, Long> clicksByButton, long uniqueClicks,
                        long dismissals) {
    }

    Message create(String workspaceId, MessageValidator.Valid valid, long now) {
        Message message = new Message(Ids.next(now), valid.name(), valid.type(), MessageStatus.DRAFT, valid.content(),
                valid.targeting(), valid.rules(), valid.startDate(), valid.endDate(), valid.frequency(), valid.priority(), now, now);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (workspace_id, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspaceId);
                bind(insert, 2, message);
                insert.setLong(12, message.createdAtMillis());
                insert.setLong(13, message.updatedAtMillis());
                return insert.executeUpdate();
            }
        });
        return message;
    }

    Optional<Message> find(String workspaceId, String id) {
        return database.read(connection -> select(connection, "WHERE workspace_id = ? AND id = ?", workspaceId, id).stream().findFirst());
    }

    List<Message> list(String workspaceId, MessageStatus status) {
        return database.read(connection -> status == null
                ? select(connection, "WHERE workspace_id = ? ORDER BY id DESC", workspaceId)
                : select(connection, "WHERE workspace_id = ? AND status = ? ORDER BY id DESC", workspaceId, status.wireName()));
    }

    public List<Message> published(String workspaceId) {
        return list(workspaceId, MessageStatus.PUBLISHED);
    }

    /**
     * Reads, changes and writes one message in one transaction with its row locked, so that two
     * concurrent changes never overwrite each other; empty when there is no such message. An
     * {@code ApiError} thrown by {@code change} rolls everything back.
     */
    Optional<Message> modify(String workspaceId, String id, UnaryOperator<Message> change) {
        return database.inTransaction(connection -> {
            Optional<Message> current = select(connection, "WHERE workspace_id = ? AND id = ?" + database.dialect().forUpdate(),
                    workspaceId, id).stream().findFirst();
            if (current.isEmpty()) return Optional.empty();
            Message updated = change.apply(current.get());
            if (!update(connection, workspaceId, updated)) {
                throw new IllegalStateException("message " + id + " was locked but its update changed no row");
            }
            return Optional.of(updated);
        });
    }

    private static boolean update(Connection connection, String workspaceId, Message message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE messages SET id = ?, name = ?, message_type = ?,"
                + " status = ?, content = ?, targeting = ?, start_date = ?, end_date = ?, frequency = ?, priority = ?,"
                + " updated_at = ? WHERE workspace_id = ? AND id = ?")) {
            bind(update, 1, message);
            update.setLong(11, message.updatedAtMillis());
            update.setString(12, workspaceId);
            update.setString(13, message.id());
            return update.executeUpdate() == 1;
        }
    }

    boolean delete(String workspaceId, String id) {
        return database.inTransaction(connection -> {
            for (String sql : List.of("DELETE FROM message_interactions WHERE workspace_id = ? AND message_id = ?",
                    "DELETE FROM messages WHERE workspace_id = ? AND id = ?")) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setString(1, workspaceId);
                    delete.setString(2, id);
                    if (delete.executeUpdate() == 1 && sql.startsWith("DELETE FROM messages")) return true;
                }
            }
            return false;
        });
    }

    /** Deletes what a contact did with messages, in the caller's (erasing) transaction. */
    public static void eraseContact(Connection connection, String workspaceId, String contactId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM message_interactions WHERE workspace_id = ? AND contact_id = ?")) {
            delete.setString(1, workspaceId);
            delete.setString(2, contactId);
            delete.executeUpdate();
        }
    }

    public void recordInteraction(String workspaceId, String messageId, String contactId, String kind, String button, long now) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_interactions"
                    + " (workspace_id, id, message_id, contact_id, kind, button, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, Ids.next(now));
                insert.setString(3, messageId);
                insert.setString(4, contactId);
                insert.setString(5, kind);
                insert.setString(6, button);
                insert.setLong(7, now);
                return insert.executeUpdate();
            }
        });
    }

    public record HistoryItem(String messageId, String messageName, String kind, String button, long occurredAt) {
    }

    /** The contact's views, clicks and dismissals, newest first. Blocking. */
    public List<HistoryItem> history(String workspaceId, String contactId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT i.message_id, m.name, i.kind, i.button, i.occurred_at"
                    + " FROM message_interactions i LEFT JOIN messages m ON m.workspace_id = i.workspace_id AND m.id = i.message_id"
                    + " WHERE i.workspace_id = ? AND i.contact_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?")) {
                select.setString(1, workspaceId);
                select.setString(2, contactId);
                select.setInt(3, limit);
                List<HistoryItem> items = new java.util.ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new HistoryItem(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5)));
                    }
                }
                return items;
            }
        });
    }

    /** By message id, for one contact. Blocking. */
    /** Moves a contact's views, clicks and dismissals to another contact, in the caller's transaction. */
    public void reassignInteractions(Connection connection, String workspaceId, String fromContactId, String toContactId)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE message_interactions SET contact_id = ? WHERE workspace_id = ? AND contact_id = ?")) {
            update.setString(1, toContactId);
            update.setString(2, workspaceId);
            update.setString(3, fromContactId);
            update.executeUpdate();
        }
    }

    /**
     * What the contact (row alias {@code c}) has done with messages, as text for {@link #interactionsFrom}: read with
     * the contact itself, so eligibility needs no read of its own for it.
     */
    public CorrelatedValue interactionsOfContact() {
        return new CorrelatedValue("(SELECT " + database.dialect().distinctTextList("i.message_id || ':' || i.kind")
                + " FROM message_interactions i WHERE i.workspace_id = c.workspace_id AND i.contact_id = c.id"
                + " AND i.kind IN ('view', 'dismiss'))");
    }

    /** The interactions of {@link #interactionsOfContact()}'s text (null when there are none). */
    public static Map<String, Interactions> interactionsFrom(String text) {
        if (text == null || text.isEmpty()) return Map.of();
        Map<String, Interactions> byMessage = new HashMap<>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            String messageId = pair.substring(0, colon);
            boolean view = pair.startsWith("view", colon + 1);
            Interactions seen = byMessage.getOrDefault(messageId, new Interactions(false, false));
            byMessage.put(messageId, new Interactions(seen.viewed() || view, seen.dismissed() || !view));
        }
        return byMessage;
    }

    Stats stats(String workspaceId, String messageId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT kind, COALESCE(button, ''), COUNT(*),"
                    + " COUNT(DISTINCT contact_id) FROM message_interactions WHERE workspace_id = ? AND message_id = ?"
                    + " GROUP BY kind, COALESCE(button, '')")) {
                select.setString(1, workspaceId);
                select.setString(2, messageId);
                long uniqueViews = 0, views = 0, dismissals = 0;
                Map<String, Long> clicks = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        switch (rows.getString(1)) {
                            case "view" -> { views += rows.getLong(3); uniqueViews += rows.getLong(4); }
                            case "click" -> clicks.merge(rows.getString(2), rows.getLong(3), Long::sum);
                            default -> dismissals += rows.getLong(4);
                        }
                    }
                }
                return new Stats(uniqueViews, views, clicks, uniqueClickers(connection, workspaceId, messageId), dismissals);
            }
        });
    }

    /** Per message: unique viewers and unique clickers, for the list. */
    public record Totals(long uniqueViews, long uniqueClicks) {
    }

    /** One UTC day's views and clicks; {@code day} counts days since 1970-01-01. */
    public record DayCount(long day, long views, long clicks) {
    }

    /** One interaction, newest first; {@code contactId} is the internal id. */
    public record Recent(String contactId, String kind, String button, long occurredAt) {
    }

    Map<String, Totals> totals(String workspaceId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id,"
                    + " COUNT(DISTINCT CASE WHEN kind = 'view' THEN contact_id END),"
                    + " COUNT(DISTINCT CASE WHEN kind = 'click' THEN contact_id END)"
                    + " FROM message_interactions WHERE workspace_id = ? GROUP BY message_id")) {
                select.setString(1, workspaceId);
                Map<String, Totals> byMessage = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) byMessage.put(rows.getString(1), new Totals(rows.getLong(2), rows.getLong(3)));
                }
                return byMessage;
            }
        });
    }

    /** Views and clicks per UTC day since {@code fromDay}, days without any left out. */
    List<DayCount> daily(String workspaceId, String messageId, long fromDay) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT occurred_at / 86400000,"
                    + " SUM(CASE WHEN kind = 'view' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'click' THEN 1 ELSE 0 END)"
                    + " FROM message_interactions WHERE workspace_id = ? AND message_id = ? AND occurred_at >= ?"
                    + " GROUP BY occurred_at / 86400000 ORDER BY 1")) {
                select.setString(1, workspaceId);
                select.setString(2, messageId);
                select.setLong(3, fromDay * 86_400_000L);
                List<DayCount> days = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) days.add(new DayCount(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
                }
                return days;
            }
        });
    }

    List<Recent> latest(String workspaceId, String messageId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT contact_id, kind, button, occurred_at"
                    + " FROM message_interactions WHERE workspace_id = ? AND message_id = ?"
                    + " ORDER BY occurred_at DESC, id DESC LIMIT " + limit)) {
                select.setString(1, workspaceId);
                select.setString(2, messageId);
                List<Recent> recent = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) recent.add(new Recent(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
                return recent;
            }
        });
    }

    private static long uniqueClickers(Connection connection, String workspaceId, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(DISTINCT contact_id) FROM message_interactions"
                + " WHERE workspace_id = ? AND message_id = ? AND kind = 'click'")) {
            select.setString(1, workspaceId);
            select.setString(2, messageId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<Message> select(Connection connection, String where, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM messages " + where)) {
            for (int i = 0; i < parameters.length; i++) select.setString(i + 1, parameters[i]);
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(new Message(rows.getString(1), rows.getString(2), stored(MessageType::fromWire, rows.getString(3)),
                            stored(MessageStatus::fromWire, rows.getString(4)), rows.getString(5), rows.getString(6),
                            MessageValidator.parseStored(rows.getString(6)), rows.getString(7), rows.getString(8),
                            stored(Frequency::fromWire, rows.getString(9)), rows.getInt(10), rows.getLong(11), rows.getLong(12)));
                }
            }
            return messages;
        }
    }

    private static <E> E stored(Function<String, Optional<E>> fromWire, String name) {
        return fromWire.apply(name).orElseThrow(() -> new IllegalStateException("a stored message holds an unknown value \"" + name + "\""));
    }

    /** Binds id through priority (ten parameters) from {@code first}. */
    private static void bind(PreparedStatement statement, int first, Message message) throws SQLException {
        statement.setString(first, message.id());
        statement.setString(first + 1, message.name());
        statement.setString(first + 2, message.type().wireName());
        statement.setString(first + 3, message.status().wireName());
        statement.setString(first + 4, message.content());
        statement.setString(first + 5, message.targeting());
        statement.setString(first + 6, message.startDate());
        statement.setString(first + 7, message.endDate());
        statement.setString(first + 8, message.frequency().wireName());
        statement.setInt(first + 9, message.priority());
    }
}
