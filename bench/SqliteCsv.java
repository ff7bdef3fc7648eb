import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Prints the rows of one query on a SQLite store as CSV for PostgreSQL's COPY (bench/copy-to-postgres.sh), through the
 * jar's own SQLite, which reads the events' properties (stored as JSONB since V68) with json(); the sqlite3 shell of
 * older systems cannot. NULL is an empty field, an empty string is "".
 *
 *   java -cp target/cueflow.jar bench/SqliteCsv.java /tmp/aud/cueflow.db "SELECT id, name FROM workspaces"
 */
public class SqliteCsv {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SqliteCsv STORE.db QUERY");
            System.exit(2);
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + args[0] + "?mode=ro");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(args[1])) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    if (c > 1) out.write(',');
                    write(out, rows.getString(c));
                }
                out.write('\n');
            }
        } catch (SQLException e) {
            System.err.println("SqliteCsv: " + e.getMessage());
            System.exit(1);
        }
        out.flush();
    }

    private static void write(Writer out, String value) throws Exception {
        if (value == null) return;
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
