package so.cueflow.contacts;

import so.cueflow.attributes.AttributeStore;
import so.cueflow.attributes.AttributeType;
import so.cueflow.events.EventStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Kinds;
import so.cueflow.messages.MessageStore;
import so.cueflow.segment.SegmentStore;
import so.cueflow.storage.BatchedLookups;
import so.cueflow.storage.CorrelatedValue;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.Ids;
import so.cueflow.storage.Rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class ContactStore {
    public static final String COLUMNS = "id, external_id, email, name, phone, avatar_url, role, plan, signed_up_at,"
            + " custom_attributes, created_at, updated_at, last_seen_at";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;
    private static final String COLUMNS_OF_C = COLUMNS.replaceAll("(\\w+)", "c.$1");

    private final Database database;

    public ContactStore(Database database) {
        this.database = database;
    }

    public record Upserted(Contact contact, boolean created) {
    }

    /** A contact and, in the same read, the values other tables' owners compute about it, as text. */
    public record ContactWith(Contact contact, List<String> values) {
    }

    public record Page(List<Contact> contacts, String nextCursor) {
    }

    /** Insert-if-absent then lock-and-merge, so concurrent upserts of one externalId never create two. */
    public Upserted upsert(String workspaceId, String externalId, ContactChanges changes, long now) {
        return database.inTransaction(connection -> upsert(connection, workspaceId, externalId, changes, now));
    }

    /** {@link #upsert(String, String, ContactChanges, long)} in the caller's transaction. */
    public Upserted upsert(Connection connection, String workspaceId, String externalId, ContactChanges changes, long now)
            throws SQLException {
        checkDeclaredTypes(connection, workspaceId, changes);
        Contact blank = new Contact(Ids.next(now), externalId, null, null, null, null, null, null, null, "{}", now, now, null);
        Contact created = changes.applyTo(blank, now);
        while (true) {
            if (insertIfAbsent(connection, workspaceId, created) == 1) return new Upserted(created, true);
            // Empty only if another server erased it between the two statements (PostgreSQL): insert again.
            Optional<Contact> current = find(connection, workspaceId, externalId, true);
            if (current.isEmpty()) continue;
            Contact updated = changes.applyTo(current.get(), now);
            update(connection, workspaceId, updated);
            return new Upserted(updated, false);
        }
    }

    /**
     * Creates, in the caller's transaction, a blank contact for each externalId that has none, in
     * sorted order so that concurrent writers never wait on each other in a cycle.
     */
    public void insertMissing(Connection connection, String workspaceId, java.util.Collection<String> externalIds, long now)
            throws SQLException {
        if (externalIds.isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id,"
                + " custom_attributes, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)"
                + " ON CONFLICT (workspace_id, external_id) DO NOTHING")) {
            for (String externalId : new java.util.TreeSet<>(externalIds)) {
                insert.setString(1, workspaceId);
                insert.setString(2, Ids.next(now));
                insert.setString(3, externalId);
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Keeps these contacts from being deleted (by an erase or a merge of another writer) until the
     * caller's transaction ends; waits for one that is being deleted now. Only PostgreSQL has row
     * locks: on SQLite the one writer already serializes everything.
     */
    public void lockAgainstDelete(Connection connection, String workspaceId, java.util.Collection<String> externalIds)
            throws SQLException {
        String lock = database.dialect().lockAgainstDelete();
        if (lock.isEmpty() || externalIds.isEmpty()) return;
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(externalIds));
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM contacts WHERE workspace_id = ?"
                + " AND external_id IN (" + String.join(", ", java.util.Collections.nCopies(sorted.size(), "?")) + ")" + lock)) {
            select.setString(1, workspaceId);
            for (int i = 0; i < sorted.size(); i++) select.setString(i + 2, sorted.get(i));
            select.executeQuery().close();
        }
    }

    /** Moves {@code lastSeenAt} forward to {@code at} (never back), in the caller's transaction. */
    public void markSeen(Connection connection, String workspaceId, String externalId, long at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE contacts SET last_seen_at = ?"
                + " WHERE workspace_id = ? AND external_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)")) {
            update.setLong(1, at);
            update.setString(2, workspaceId);
            update.setString(3, externalId);
            update.setLong(4, at);
            update.executeUpdate();
        }
    }

    /**
     * The contact, locked until the caller's transaction ends: against every other writer when it is
     * to be deleted (in-flight ingest batches that resolved it are waited for), else against change.
     */
    public Optional<Contact> lockForMerge(Connection connection, String workspaceId, String externalId, boolean deleting)
            throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM contacts WHERE workspace_id = ? AND external_id = ?"
                + (deleting ? database.dialect().forDelete() : database.dialect().forUpdate()), workspaceId, externalId)
                .stream().findFirst();
    }

    /**
     * Folds {@code from} into {@code into} and deletes {@code from}: fields {@code into} lacks are
     * taken from {@code from}, custom attributes are united ({@code into} wins), the earlier
     * creation and the later last-seen time are kept. Rows of other tables must be moved first.
     */
    public Contact absorb(Connection connection, String workspaceId, Contact from, Contact into, long now) throws SQLException {
        Contact merged = ContactMerge.of(from, into, now);
        update(connection, workspaceId, merged);
        try (PreparedStatement times = connection.prepareStatement(
                "UPDATE contacts SET created_at = ?, last_seen_at = ? WHERE workspace_id = ? AND id = ?")) {
            times.setLong(1, merged.createdAtMillis());
            if (merged.lastSeenAtMillis() == null) times.setNull(2, java.sql.Types.BIGINT);
            else times.setLong(2, merged.lastSeenAtMillis());
            times.setString(3, workspaceId);
            times.setString(4, merged.id());
            times.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contacts WHERE workspace_id = ? AND id = ?")) {
            delete.setString(1, workspaceId);
            delete.setString(2, from.id());
            delete.executeUpdate();
        }
        return merged;
    }

    /** Records that the contact was active in the product now (the embed script identified it). */
    public void markSeen(String workspaceId, String contactId, long now) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE contacts SET last_seen_at = ? WHERE workspace_id = ? AND id = ?")) {
                update.setLong(1, now);
                update.setString(2, workspaceId);
                update.setString(3, contactId);
                return update.executeUpdate();
            }
        });
    }

    public Optional<Contact> find(String workspaceId, String externalId) {
        return database.read(connection -> find(connection, workspaceId, externalId, false));
    }

    /** One String per list of values, so that its hash (the prepared statement's key) is computed once, not per page view. */
    private final Map<List<CorrelatedValue>, String> findByIdSql = new java.util.concurrent.ConcurrentHashMap<>();

    /** Blocking. The contact of an internal id with {@code values} over its row (alias {@code c}), in one query. */
    public Optional<ContactWith> findByIdWith(String workspaceId, String contactId, List<CorrelatedValue> values) {
        String sql = findByIdSql.computeIfAbsent(values, v -> selectWith(v) + "c.id = ?");
        return database.readPrepared(sql, select -> {
            select.setString(1, workspaceId);
            select.setString(2, contactId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                return Optional.of(new ContactWith(read(rows), valuesOf(rows, values.size())));
            }
        });
    }

    /**
     * Look-ups of a contact by external id with {@code values} over its row (alias {@code c}), in one query each,
     * read in batches ({@link BatchedLookups}): for the read every page view makes.
     */
    public BatchedFind batchedFindWith(List<CorrelatedValue> values) {
        return new BatchedFind(values);
    }

    private record ExternalKey(String workspaceId, String externalId) {
    }

    /** See {@link #batchedFindWith}. */
    public final class BatchedFind {
        private final String sql;
        private final int valueCount;
        private final BatchedLookups<ExternalKey, ContactWith> lookups;

        private BatchedFind(List<CorrelatedValue> values) {
            this.sql = selectWith(values) + database.dialect().isOneOf("c.external_id");
            this.valueCount = values.size();
            this.lookups = database.batchedLookups("contact-lookups", this::readBatch);
        }

        /** Blocking. The contact of {@code externalId} with the values; empty when there is no such contact. */
        public Optional<ContactWith> find(String workspaceId, String externalId) {
            return Optional.ofNullable(lookups.get(new ExternalKey(workspaceId, externalId)));
        }

        /** As {@link #find}, completed on a look-up thread when the batch it is read in is read. */
        public java.util.concurrent.CompletableFuture<Optional<ContactWith>> ask(String workspaceId, String externalId) {
            return lookups.ask(new ExternalKey(workspaceId, externalId)).thenApply(Optional::ofNullable);
        }

        private Map<ExternalKey, ContactWith> readBatch(List<ExternalKey> keys) {
            Map<String, List<String>> byWorkspace = new java.util.LinkedHashMap<>();
            for (ExternalKey key : keys) byWorkspace.computeIfAbsent(key.workspaceId(), w -> new ArrayList<>()).add(key.externalId());
            Map<ExternalKey, ContactWith> found = new java.util.HashMap<>();
            byWorkspace.forEach((workspaceId, externalIds) -> database.readPrepared(sql, select -> {
                select.setString(1, workspaceId);
                database.dialect().bindTexts(select, 2, externalIds);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Contact contact = read(rows);
                        found.put(new ExternalKey(workspaceId, contact.externalId()), new ContactWith(contact, valuesOf(rows, valueCount)));
                    }
                }
                return null;
            }));
            return found;
        }
    }

    /** {@code SELECT} the contact's columns and {@code values} {@code FROM contacts c WHERE c.workspace_id = ? AND }. */
    private static String selectWith(List<CorrelatedValue> values) {
        StringBuilder text = new StringBuilder("SELECT ").append(COLUMNS_OF_C);
        values.forEach(extra -> text.append(", ").append(extra.sql()));
        return text.append(" FROM contacts c WHERE c.workspace_id = ? AND ").toString();
    }

    private static List<String> valuesOf(ResultSet rows, int count) throws SQLException {
        List<String> values = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) values.add(rows.getString(COLUMN_COUNT + i));
        return values;
    }

    /** External ids by internal id, for the ids that still exist. */
    public Map<String, String> externalIds(String workspaceId, Collection<String> contactIds) {
        if (contactIds.isEmpty()) return Map.of();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(contactIds));
        String sql = "SELECT id, external_id FROM contacts WHERE workspace_id = ? AND id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, workspaceId);
                for (int i = 0; i < ids.size(); i++) select.setString(i + 2, ids.get(i));
                Map<String, String> byId = new java.util.HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) byId.put(rows.getString(1), rows.getString(2));
                }
                return byId;
            }
        });
    }

    /** The custom attribute names found on the workspace's most recently updated contacts (up to {@code sample}). */
    public java.util.SortedSet<String> customAttributeNames(String workspaceId, int sample) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT custom_attributes FROM contacts"
                    + " WHERE workspace_id = ? ORDER BY updated_at DESC LIMIT " + sample)) {
                select.setString(1, workspaceId);
                java.util.SortedSet<String> names = new java.util.TreeSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        so.cueflow.http.Json.parse(rows.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .fieldNames().forEachRemaining(names::add);
                    }
                }
                return names;
            }
        });
    }

    public Optional<Contact> patch(String workspaceId, String externalId, ContactChanges changes, long now) {
        return database.inTransaction(connection -> {
            checkDeclaredTypes(connection, workspaceId, changes);
            Optional<Contact> current = find(connection, workspaceId, externalId, true);
            if (current.isEmpty()) return Optional.empty();
            Contact updated = changes.applyTo(current.get(), now);
            update(connection, workspaceId, updated);
            return Optional.of(updated);
        });
    }

    /** The contacts an erase request names: by externalId, else every contact with that email. */
    public List<Contact> findForErase(String workspaceId, String externalIdOrEmail) {
        return database.read(connection -> {
            Optional<Contact> byExternalId = find(connection, workspaceId, externalIdOrEmail, false);
            if (byExternalId.isPresent()) return List.of(byExternalId.get());
            return select(connection, "SELECT " + COLUMNS + " FROM contacts WHERE workspace_id = ? AND email = ?",
                    workspaceId, externalIdOrEmail);
        });
    }

    /**
     * Erases the contact and every row about it, in one transaction, each table by its own store:
     * events, activity and the per-day totals, message interactions, joined anonymousIds. The contact
     * row is locked first: an ingest batch (of any server) that already resolved it is waited for, so
     * its events are erased too, and later batches no longer find the contact.
     */
    public boolean erase(String workspaceId, String contactId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id FROM contacts WHERE workspace_id = ? AND id = ?" + database.dialect().forDelete())) {
                lock.setString(1, workspaceId);
                lock.setString(2, contactId);
                lock.executeQuery().close();
            }
            EventStore.eraseContact(connection, workspaceId, contactId);
            MessageStore.eraseContact(connection, workspaceId, contactId);
            SegmentStore.eraseContact(connection, workspaceId, contactId);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contacts WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, contactId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Values of declared attributes must have the declared type; undeclared ones are free, as before the registry. */
    private static void checkDeclaredTypes(Connection connection, String workspaceId, ContactChanges changes) throws SQLException {
        Map<String, AttributeType> declared = AttributeStore.typesOf(connection, workspaceId, changes.customAttributes().keySet());
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        changes.customAttributes().forEach((key, value) -> {
            AttributeType type = declared.get(key);
            if (type != null && !value.isNull() && !type.accepts(value)) {
                problems.add(new ApiError.FieldProblem("customAttributes." + key, "is declared as a " + type.wireName()
                        + " attribute; send a " + type.wireName() + " (or null to remove it), not " + Kinds.of(value)));
            }
        });
        if (!problems.isEmpty()) throw ApiError.invalid(problems);
    }

    /** How many contacts carry a value for the custom attribute {@code key}. */
    public long countWithAttribute(String workspaceId, String key) {
        return database.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM contacts WHERE workspace_id = ? AND "
                    + hasAttribute())) {
                count.setString(1, workspaceId);
                count.setString(2, attributeArgument(key));
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Removes the attribute's value from every contact of the workspace, in the caller's transaction; returns how many had one. */
    public long removeAttribute(Connection connection, String workspaceId, String key) throws SQLException {
        String removed = database.dialect() == Dialect.POSTGRESQL ? "(custom_attributes::jsonb - ?)::text" : "json_remove(custom_attributes, ?)";
        try (PreparedStatement update = connection.prepareStatement("UPDATE contacts SET custom_attributes = " + removed
                + " WHERE workspace_id = ? AND " + hasAttribute())) {
            update.setString(1, attributeArgument(key));
            update.setString(2, workspaceId);
            update.setString(3, attributeArgument(key));
            return update.executeUpdate();
        }
    }

    /** Attribute keys are letters, digits and underscores ({@link so.cueflow.http.FlatProperties#isKey}), so they need no quoting in a JSON path. */
    private String attributeArgument(String key) {
        return database.dialect() == Dialect.POSTGRESQL ? key : "$." + key;
    }

    private String hasAttribute() {
        return database.dialect() == Dialect.POSTGRESQL ? "jsonb_exists(custom_attributes::jsonb, ?)" : "json_type(custom_attributes, ?) IS NOT NULL";
    }

    /** Newest first; the cursor is the id of the last contact returned (ids sort by creation). */
    public Page list(String workspaceId, int limit, String afterId) {
        return database.read(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM contacts WHERE workspace_id = ?"
                    + (afterId == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT " + (limit + 1);
            List<Contact> contacts = afterId == null ? select(connection, sql, workspaceId)
                    : select(connection, sql, workspaceId, afterId);
            if (contacts.size() <= limit) return new Page(contacts, null);
            return new Page(contacts.subList(0, limit), contacts.get(limit - 1).id());
        });
    }

    private Optional<Contact> find(Connection connection, String workspaceId, String externalId, boolean forUpdate)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM contacts WHERE workspace_id = ? AND external_id = ?"
                + (forUpdate ? database.dialect().forUpdate() : "");
        return select(connection, sql, workspaceId, externalId).stream().findFirst();
    }

    private static List<Contact> select(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) select.setString(i + 1, parameters[i]);
            List<Contact> contacts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) contacts.add(read(rows));
            }
            return contacts;
        }
    }

    private static int insertIfAbsent(Connection connection, String workspaceId, Contact contact) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, " + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, external_id) DO NOTHING")) {
            insert.setString(1, workspaceId);
            bind(insert, 2, contact);
            insert.setString(11, contact.customAttributes());
            insert.setLong(12, contact.createdAtMillis());
            insert.setLong(13, contact.updatedAtMillis());
            insert.setNull(14, java.sql.Types.BIGINT);
            return insert.executeUpdate();
        }
    }

    private static void update(Connection connection, String workspaceId, Contact contact) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE contacts SET id = ?, external_id = ?, email = ?,"
                + " name = ?, phone = ?, avatar_url = ?, role = ?, plan = ?, signed_up_at = ?, custom_attributes = ?,"
                + " updated_at = ? WHERE workspace_id = ? AND id = ?")) {
            bind(update, 1, contact);
            update.setString(10, contact.customAttributes());
            update.setLong(11, contact.updatedAtMillis());
            update.setString(12, workspaceId);
            update.setString(13, contact.id());
            update.executeUpdate();
        }
    }

    /** Binds id through signedUpAt (nine parameters) from {@code first}. */
    private static void bind(PreparedStatement statement, int first, Contact contact) throws SQLException {
        statement.setString(first, contact.id());
        statement.setString(first + 1, contact.externalId());
        statement.setString(first + 2, contact.email());
        statement.setString(first + 3, contact.name());
        statement.setString(first + 4, contact.phone());
        statement.setString(first + 5, contact.avatarUrl());
        statement.setString(first + 6, contact.role());
        statement.setString(first + 7, contact.plan());
        if (contact.signedUpAtMillis() == null) statement.setNull(first + 8, java.sql.Types.BIGINT);
        else statement.setLong(first + 8, contact.signedUpAtMillis());
    }

    public static Contact read(ResultSet rows) throws SQLException {
        return new Contact(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getString(8), Rows.nullableLong(rows, 9), rows.getString(10),
                rows.getLong(11), rows.getLong(12), Rows.nullableLong(rows, 13));
    }
}
