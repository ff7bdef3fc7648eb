package so.cueflow.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a batch held column by column, to be bound as one PostgreSQL array per column and turned
 * back into rows by {@code unnest}: one statement writes the whole batch, where a JDBC batch runs one
 * statement per row (PostgreSQL's writer spends most of its CPU on that per-statement work).
 *
 *   INSERT INTO t (a, b) SELECT * FROM unnest(?::text[], ?::bigint[]) ...
 */
public final class ColumnArrays {
    private static final java.util.Set<String> TYPES = java.util.Set.of("text", "jsonb", "bigint");
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();

    /** One SQL element type per column: {@code text}, {@code jsonb} (bound as text, may be null) or {@code bigint}. */
    public ColumnArrays(String... types) {
        this.types = types.clone();
        for (String type : types) {
            if (!TYPES.contains(type)) throw new IllegalArgumentException("unsupported column type " + type);
            columns.add(new ArrayList<>());
        }
    }

    public void add(Object... row) {
        if (row.length != types.length) throw new IllegalArgumentException(types.length + " values expected, got " + row.length);
        for (int k = 0; k < row.length; k++) columns.get(k).add(row[k]);
    }

    public boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    /** {@code unnest(?::text[], ?::bigint[], …)}: the rows, as a FROM item. */
    public String unnest() {
        List<String> parameters = new ArrayList<>();
        for (String type : types) parameters.add("?::" + type + "[]");
        return "unnest(" + String.join(", ", parameters) + ")";
    }

    /** Binds the columns to the statement's first parameters. */
    public void bind(Connection connection, PreparedStatement statement) throws SQLException {
        for (int k = 0; k < types.length; k++) {
            boolean number = types[k].equals("bigint");
            Object[] values = number ? columns.get(k).toArray(new Long[0]) : columns.get(k).toArray(new String[0]);
            statement.setArray(k + 1, connection.createArrayOf(number ? "int8" : types[k], values));
        }
    }
}
