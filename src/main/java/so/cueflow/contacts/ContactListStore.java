package so.cueflow.contacts;

import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's reads of the contacts table: a searched and sorted list with cursors both ways,
 * a streamed export of the same list, and the counts of the overview.
 */
public final class ContactListStore {
    private static final int FETCH_SIZE = 1_000;

    private final Database database;

    public ContactListStore(Database database) {
        this.database = database;
    }

    public record Page(List<Contact> contacts, ContactCursor newer, ContactCursor older) {
    }

    @FunctionalInterface
    public interface Sink {
        void accept(Contact contact) throws Exception;
    }

    public Page page(String workspaceId, ContactSearch search, ContactSort sort, ContactCursor cursor, int limit) {
        boolean newer = cursor != null && !cursor.older();
        boolean down = sort.descending() != newer;      // down = the SQL order is descending
        StringBuilder sql = new StringBuilder("SELECT " + ContactStore.COLUMNS + " FROM contacts WHERE workspace_id = ?")
                .append(search.condition());
        if (cursor != null) {
            String op = down ? "<" : ">";
            sql.append(" AND (").append(sort.expression()).append(' ').append(op).append(" ? OR (")
                    .append(sort.expression()).append(" = ? AND id ").append(op).append(" ?))");
        }
        String direction = down ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(sort.expression()).append(direction).append(", id").append(direction)
                .append(" LIMIT ").append(limit + 1);
        List<Contact> rows = database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int p = bindSearch(select, workspaceId, search);
                if (cursor != null) {
                    bindValue(select, p++, sort, cursor.value());
                    bindValue(select, p++, sort, cursor.value());
                    select.setString(p, cursor.id());
                }
                return read(select);
            }
        });
        boolean more = rows.size() > limit;
        List<Contact> shown = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        if (newer) Collections.reverse(shown);
        if (shown.isEmpty()) return new Page(shown, null, null);
        ContactCursor newerCursor = (newer ? more : cursor != null) ? at(sort, shown.get(0), false) : null;
        ContactCursor olderCursor = (newer || more) ? at(sort, shown.get(shown.size() - 1), true) : null;
        return new Page(shown, newerCursor, olderCursor);
    }

    /** Every contact of the search in the list's order, one at a time (flat memory whatever the count). */
    public void stream(String workspaceId, ContactSearch search, ContactSort sort, Sink sink) {
        String direction = sort.descending() ? " DESC" : " ASC";
        String sql = "SELECT " + ContactStore.COLUMNS + " FROM contacts WHERE workspace_id = ?" + search.condition()
                + " ORDER BY " + sort.expression() + direction + ", id" + direction;
        database.readStreaming(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bindSearch(select, workspaceId, search);
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) sink.accept(ContactStore.read(rows));
                }
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    public Optional<Contact> byId(String workspaceId, String id) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ContactStore.COLUMNS
                    + " FROM contacts WHERE workspace_id = ? AND id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, id);
                return read(select).stream().findFirst();
            }
        });
    }

    public long count(String workspaceId) {
        return count("SELECT COUNT(*) FROM contacts WHERE workspace_id = ?", workspaceId, null);
    }

    /**
     * Contacts active since {@code since} (epoch ms): seen by the embed script, or with an event that
     * occurred since then according to the activity rollup (never the raw events).
     */
    public long activeSince(String workspaceId, long since) {
        return count("SELECT COUNT(*) FROM contacts c WHERE c.workspace_id = ? AND (c.last_seen_at >= ? OR EXISTS"
                + " (SELECT 1 FROM activity a WHERE a.workspace_id = c.workspace_id AND a.contact_id = c.id AND a.last_at >= ?))",
                workspaceId, since);
    }

    private long count(String sql, String workspaceId, Long since) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, workspaceId);
                if (since != null) {
                    select.setLong(2, since);
                    select.setLong(3, since);
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static int bindSearch(PreparedStatement select, String workspaceId, ContactSearch search) throws SQLException {
        select.setString(1, workspaceId);
        int p = 2;
        for (String parameter : search.parameters()) select.setString(p++, parameter);
        return p;
    }

    private static void bindValue(PreparedStatement select, int index, ContactSort sort, String value) throws SQLException {
        if (!sort.numeric()) {
            select.setString(index, value);
            return;
        }
        try {
            select.setLong(index, Long.parseLong(value));
        } catch (NumberFormatException e) {
            select.setLong(index, -1);
        }
    }

    private static List<Contact> read(PreparedStatement select) throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) contacts.add(ContactStore.read(rows));
        }
        return contacts;
    }

    private static ContactCursor at(ContactSort sort, Contact contact, boolean older) {
        String value = switch (sort) {
            case LAST_SEEN -> String.valueOf(contact.lastSeenAtMillis() == null ? -1 : contact.lastSeenAtMillis());
            case SIGNED_UP -> String.valueOf(contact.signedUpAtMillis() == null ? -1 : contact.signedUpAtMillis());
            case NAME -> contact.name() == null ? "" : contact.name();
            case CREATED -> contact.id();
        };
        return new ContactCursor(older, value, contact.id());
    }
}
