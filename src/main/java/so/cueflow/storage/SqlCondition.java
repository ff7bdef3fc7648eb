package so.cueflow.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/** A boolean SQL expression and the values of its {@code ?} marks, in order; composed without string pasting of values. */
public record SqlCondition(String sql, List<Object> parameters) {

    public static final SqlCondition TRUE = new SqlCondition("1 = 1", List.of());
    public static final SqlCondition FALSE = new SqlCondition("1 = 0", List.of());

    public SqlCondition {
        parameters = List.copyOf(parameters);
    }

    public static SqlCondition of(String sql, Object... parameters) {
        return new SqlCondition(sql, List.of(parameters));
    }

    public SqlCondition and(SqlCondition other) {
        if (this == TRUE || other == FALSE) return other;
        if (other == TRUE || this == FALSE) return this;
        return join(" AND ", other);
    }

    public SqlCondition or(SqlCondition other) {
        if (this == FALSE || other == TRUE) return other;
        if (other == FALSE || this == TRUE) return this;
        return join(" OR ", other);
    }

    public SqlCondition not() {
        if (this == TRUE) return FALSE;
        if (this == FALSE) return TRUE;
        return new SqlCondition("NOT (" + sql + ")", parameters);
    }

    public static SqlCondition all(List<SqlCondition> conditions) {
        return conditions.stream().reduce(TRUE, SqlCondition::and);
    }

    public static SqlCondition any(List<SqlCondition> conditions) {
        return conditions.stream().reduce(FALSE, (BinaryOperator<SqlCondition>) SqlCondition::or);
    }

    private SqlCondition join(String operator, SqlCondition other) {
        List<Object> joined = new ArrayList<>(parameters);
        joined.addAll(other.parameters);
        return new SqlCondition("(" + sql + ")" + operator + "(" + other.sql + ")", joined);
    }

    /** Binds the parameters from position {@code first} on; returns the next free position. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        return bind(statement, first, parameters);
    }

    /** Binds {@code parameters} (Long, Integer, Double or String) from position {@code first} on; returns the next free position. */
    public static int bind(PreparedStatement statement, int first, List<Object> parameters) throws SQLException {
        int position = first;
        for (Object parameter : parameters) {
            if (parameter instanceof Long number) statement.setLong(position++, number);
            else if (parameter instanceof Integer number) statement.setInt(position++, number);
            else if (parameter instanceof Double number) statement.setDouble(position++, number);
            else statement.setString(position++, (String) parameter);
        }
        return position;
    }
}
