package so.cueflow.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

public final class Rows {
    private Rows() {
    }

    public static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
