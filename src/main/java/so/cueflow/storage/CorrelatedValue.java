package so.cueflow.storage;

/**
 * A scalar SQL expression about one row of another table, which it names by alias (say {@code c} for the contact
 * row): lets the owner of a table add a value computed from its rows to a read of another owner's row, in one query.
 */
public record CorrelatedValue(String sql) {
}
