package so.cueflow.storage;

import java.sql.SQLException;

/** A database failure that callers cannot repair; mapped to a 500 with an opaque error id. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
