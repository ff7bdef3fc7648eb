package so.cueflow.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The contacts of one workspace whose ids are from {@code from} (inclusive) up to {@code to} (exclusive); an end that
 * is null is open. Every table that holds per-contact rows keeps them ordered by (workspace, …, contact id), so a range
 * of ids reads one contiguous range of each index: a large count splits into such ranges, read at once on several
 * connections.
 */
public record ContactScope(String workspaceId, String from, String to) {

    public ContactScope {
        if (workspaceId == null) throw new IllegalArgumentException("a scope needs a workspace");
    }

    /** Every contact of the workspace. */
    public static ContactScope all(String workspaceId) {
        return new ContactScope(workspaceId, null, null);
    }

    /** Whether the scope is a range of the workspace's contacts rather than all of them. */
    public boolean isRange() {
        return from != null || to != null;
    }

    /**
     * The rows of the scope's contacts in a table aliased {@code alias} whose contact id column is {@code idColumn}:
     * {@code alias.workspace_id = ?}, and the range.
     */
    public SqlCondition rows(String alias, String idColumn) {
        return SqlCondition.of(alias + ".workspace_id = ?", workspaceId).and(range(alias, idColumn));
    }

    /** Whether the row's contact id is in the range (TRUE for every contact of the workspace). */
    public SqlCondition range(String alias, String idColumn) {
        String column = alias + "." + idColumn;
        SqlCondition range = SqlCondition.TRUE;
        if (from != null) range = range.and(SqlCondition.of(column + " >= ?", from));
        if (to != null) range = range.and(SqlCondition.of(column + " < ?", to));
        return range;
    }

    /** The scope's split at {@code pivots} (ascending, each inside it): one scope per range, in id order. */
    public List<ContactScope> split(List<String> pivots) {
        List<ContactScope> parts = new ArrayList<>();
        String start = from;
        for (String pivot : pivots) {
            parts.add(new ContactScope(workspaceId, start, pivot));
            start = pivot;
        }
        parts.add(new ContactScope(workspaceId, start, to));
        return parts;
    }
}
