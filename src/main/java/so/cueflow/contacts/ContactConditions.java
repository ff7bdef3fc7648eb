package so.cueflow.contacts;

import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.JsonColumn;
import so.cueflow.storage.JsonComparison;
import so.cueflow.storage.Judged;
import so.cueflow.storage.SqlCondition;
import so.cueflow.storage.Verdict;
import so.cueflow.targeting.ContactRule;
import so.cueflow.targeting.EpochMillis;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact rules as SQL over the {@code contacts} table (alias {@code c}), exactly as the evaluator decides them.
 * Every condition is two-valued (never NULL), so that it can be negated. Custom attributes are JSON of any type: see
 * {@link #custom} and {@link JsonComparison} for what SQL decides of them and what it leaves to the evaluator.
 */
public final class ContactConditions {
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("externalId", "c.external_id"),
            Map.entry("email", "c.email"), Map.entry("name", "c.name"), Map.entry("phone", "c.phone"),
            Map.entry("avatarUrl", "c.avatar_url"), Map.entry("role", "c.role"), Map.entry("plan", "c.plan"),
            Map.entry("signedUpAt", "c.signed_up_at"), Map.entry("createdAt", "c.created_at"),
            Map.entry("updatedAt", "c.updated_at"), Map.entry("lastSeenAt", "c.last_seen_at"));
    private static final long DAY_MILLIS = 86_400_000L;
    /** On PostgreSQL with its jsonb copy (migration V67). */
    private static final JsonColumn CUSTOM_ATTRIBUTES = new JsonColumn("c.custom_attributes", "c.custom_attributes_jsonb");

    private ContactConditions() {
    }

    public static Optional<SqlCondition> of(ContactRule rule, long now, Dialect dialect) {
        if (rule.onCustomAttribute()) return Optional.empty();
        String column = COLUMNS.get(rule.field());
        return Optional.of(isDate(rule.field()) ? date(rule, column, now) : text(rule, column, dialect));
    }

    private static boolean isDate(String field) {
        return field.endsWith("At");
    }

    /** Text fields compare with non-empty strings only (the parser sees to it); the empty string counts as not set. */
    private static SqlCondition text(ContactRule rule, String column, Dialect dialect) {
        String value = (String) rule.value();
        String position = dialect == Dialect.POSTGRESQL ? "strpos(" + column + ", ?)" : "instr(" + column + ", ?)";
        return switch (rule.operator()) {
            case IS_SET -> SqlCondition.of(column + " IS NOT NULL AND " + column + " <> ''");
            case IS_NOT_SET -> SqlCondition.of(column + " IS NULL OR " + column + " = ''");
            case EQUALS -> SqlCondition.of(column + " IS NOT NULL AND " + column + " = ?", value);
            case NOT_EQUALS -> SqlCondition.of(column + " IS NULL OR " + column + " <> ?", value);
            case CONTAINS -> SqlCondition.of(column + " IS NOT NULL AND " + position + " > 0", value);
            case NOT_CONTAINS -> SqlCondition.of(column + " IS NULL OR " + position + " = 0", value);
            case STARTS_WITH -> SqlCondition.of(column + " IS NOT NULL AND substr(" + column + ", 1, ?) = ?",
                    characters(value), value);
            case ENDS_WITH -> SqlCondition.of(column + " IS NOT NULL AND length(" + column + ") >= ? AND substr("
                    + column + ", length(" + column + ") - ? + 1) = ?", characters(value), characters(value), value);
            default -> throw new IllegalArgumentException(rule.operator().wireName() + " does not apply to " + rule.field());
        };
    }

    /** An int, not a long: PostgreSQL's substr takes integer positions, and int − bigint would be bigint. */
    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Date columns hold epoch millis; a numeric value compares as a number, a string as the instant it names. */
    private static SqlCondition date(ContactRule rule, String column, long now) {
        String set = column + " IS NOT NULL AND ";
        return switch (rule.operator()) {
            case IS_SET -> SqlCondition.of(column + " IS NOT NULL");
            case IS_NOT_SET -> SqlCondition.of(column + " IS NULL");
            case GREATER_THAN -> SqlCondition.of(set + column + " > ?", bound(rule.value(), RoundingMode.FLOOR));
            case LESS_THAN -> SqlCondition.of(set + column + " < ?", bound(rule.value(), RoundingMode.CEILING));
            case BETWEEN -> SqlCondition.of(set + column + " >= ? AND " + column + " <= ?",
                    bound(((List<?>) rule.value()).get(0), RoundingMode.CEILING),
                    bound(((List<?>) rule.value()).get(1), RoundingMode.FLOOR));
            case IS_WITHIN -> SqlCondition.of(set + column + " >= ? AND " + column + " <= ?", now - rule.days() * DAY_MILLIS, now);
            case IS_BEFORE -> SqlCondition.of(set + column + " < ?", now - rule.days() * DAY_MILLIS);
            default -> throw new IllegalArgumentException(rule.operator().wireName() + " does not apply to " + rule.field());
        };
    }

    /** A whole-millisecond bound equivalent to the value for an integer column: x > 1.5 is x > 1, x < 1.5 is x < 2. */
    private static long bound(Object value, RoundingMode rounding) {
        if (value instanceof String text) return EpochMillis.of(text).orElseThrow();
        BigDecimal whole = new BigDecimal(value.toString()).setScale(0, rounding);
        return whole.max(BigDecimal.valueOf(Long.MIN_VALUE)).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** A custom-attribute rule on the contact row, when {@link JsonComparison} translates it. */
    public static Optional<JsonComparison.Translation> custom(ContactRule rule, Dialect dialect) {
        if (!rule.onCustomAttribute()) throw new IllegalArgumentException("not a custom attribute: " + rule.field());
        String key = rule.field().substring(rule.field().indexOf('.') + 1);
        return JsonComparison.of(dialect, CUSTOM_ATTRIBUTES, key, rule.operator(), rule.value());
    }

    /** The contacts of the scope meeting a condition on the contact row, as a set. */
    public static IdSet.Select meeting(ContactScope scope, SqlCondition condition) {
        SqlCondition rows = scope.rows("c", "id");
        List<Object> parameters = new ArrayList<>(rows.parameters());
        parameters.addAll(condition.parameters());
        return new IdSet.Select("SELECT c.id AS id FROM contacts c WHERE " + rows.sql() + " AND (" + condition.sql() + ")", parameters);
    }

    /** The contacts of {@code set} meeting a condition on the contact row (alias {@code c}), as a set. */
    public static IdSet.Select filtered(IdSet set, IdSet.Select everyone, Dialect dialect, ContactScope scope, SqlCondition condition) {
        IdSet.Select among = IdSet.asSelect(set, everyone, dialect);
        SqlCondition joined = joinedRows(scope, dialect);
        List<Object> parameters = new ArrayList<>(among.parameters());
        parameters.addAll(joined.parameters());
        parameters.addAll(condition.parameters());
        return new IdSet.Select("SELECT f.id AS id FROM (" + among.sql() + ") AS f JOIN contacts c ON " + joined.sql()
                + " AND c.id = f.id WHERE " + condition.sql(), parameters);
    }

    /**
     * The contacts of {@code set} with, per contact, the verdict of all the custom-attribute {@code rules} (each
     * translated, see {@link #custom}): the row is read and its verdict computed once, only for the contacts of the set.
     */
    public static Judged judged(IdSet set, IdSet.Select everyone, Dialect dialect, ContactScope scope, List<ContactRule> rules) {
        Verdict verdict = Verdict.all(rules.stream().map(rule -> custom(rule, dialect).orElseThrow().verdict()).toList(), dialect);
        IdSet.Select among = IdSet.asSelect(set, everyone, dialect);
        SqlCondition joined = joinedRows(scope, dialect);
        List<Object> parameters = new ArrayList<>(verdict.parameters());
        parameters.addAll(among.parameters());
        parameters.addAll(joined.parameters());
        return new Judged(new IdSet.Select("SELECT f.id AS id, " + verdict.sql() + " AS verdict FROM (" + among.sql() + ") AS f"
                + " JOIN contacts c ON " + joined.sql() + " AND c.id = f.id", parameters), false);
    }

    /**
     * The contact rows a set of the scope's contacts is joined with. PostgreSQL merges the set with the contacts' range
     * of the primary key, which must then be the scope's alone: it does not carry the set's range over to the join. SQLite
     * looks each contact of the set up by its key; with the range on the row as well, it read the range once per contact
     * of the set instead (15 s for a preview of 10,000 contacts).
     */
    private static SqlCondition joinedRows(ContactScope scope, Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? scope.rows("c", "id") : ContactScope.all(scope.workspaceId()).rows("c", "id");
    }

    /** Every contact of the scope, as a set (from the primary key's range, in id order). */
    public static IdSet.Select everyone(ContactScope scope) {
        SqlCondition rows = scope.rows("c", "id");
        return new IdSet.Select("SELECT c.id AS id FROM contacts c WHERE " + rows.sql(), rows.parameters());
    }

    /** The contacts of the scope the rule selects, as a set; empty for custom attributes (see {@link #custom}). */
    public static Optional<IdSet.Select> contacts(ContactRule rule, ContactScope scope, long now, Dialect dialect) {
        return of(rule, now, dialect).map(condition -> meeting(scope, condition));
    }

    /** How many contacts the set holds. */
    public static long count(Connection connection, IdSet.Select contacts) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM (" + contacts.sql() + ") AS counted")) {
            SqlCondition.bind(select, 1, contacts.parameters());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** How many contacts a set holds, and (when read with them) the externalIds of a few. */
    public record Counted(long count, List<String> sample) {
    }

    /** How many contacts the set holds and the externalIds of up to {@code limit} of them, reading the set once. */
    public static Counted countAndSample(Connection connection, String workspaceId, IdSet.Select contacts, int limit)
            throws SQLException {
        long count = 0;
        List<Object> first = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(contacts.sql())) {
            SqlCondition.bind(select, 1, contacts.parameters());
            select.setFetchSize(1_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (count++ < limit) first.add(rows.getString(1));
                }
            }
        }
        return new Counted(count, externalIds(connection, workspaceId, first));
    }

    /** The externalIds of the contacts with these ids. */
    public static List<String> externalIds(Connection connection, String workspaceId, List<?> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        IdSet.Select these = new IdSet.Select("SELECT c.id AS id FROM contacts c WHERE c.workspace_id = ? AND c.id IN ("
                + marks + ")", concat(List.of(workspaceId), new ArrayList<>(ids)));
        return sample(connection, workspaceId, these, ids.size());
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** Whether the set holds no contact. */
    public static boolean isEmpty(Connection connection, IdSet.Select contacts) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM (" + contacts.sql() + ") AS probed LIMIT 1")) {
            SqlCondition.bind(select, 1, contacts.parameters());
            try (ResultSet rows = select.executeQuery()) {
                return !rows.next();
            }
        }
    }

    /** The externalIds of up to {@code limit} contacts of the set, whichever the database finds first. */
    public static List<String> sample(Connection connection, String workspaceId, IdSet.Select contacts, int limit)
            throws SQLException {
        // The set's own order (its compound ends in ORDER BY) lets the database stop after the first few.
        IdSet.Select first = IdSet.lowest(contacts, limit);
        try (PreparedStatement select = connection.prepareStatement("SELECT c.external_id FROM (" + first.sql()
                + ") AS first JOIN contacts c ON c.workspace_id = ? AND c.id = first.id")) {
            int next = SqlCondition.bind(select, 1, first.parameters());
            select.setString(next, workspaceId);
            List<String> sample = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) sample.add(rows.getString(1));
            }
            return sample;
        }
    }
}
