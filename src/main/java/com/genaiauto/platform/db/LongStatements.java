package com.genaiauto.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The pool's connections give up on a server that has not answered for {@code socketTimeout}
 * (10 s), so that a hung PostgreSQL answers 503 instead of holding requests. The few statements
 * that legitimately run longer — publishing a large manual's chunks in one transaction — run with
 * a longer network timeout on their connection, put back before the connection returns to the
 * pool.
 */
public final class LongStatements {

    private LongStatements() {
    }

    public static <T> T allow(Handle handle, Duration timeout, Supplier<T> work) {
        Connection connection = handle.getConnection();
        int before;
        try {
            before = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(timeout.toMillis()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not lengthen the connection's network timeout", e);
        }
        try {
            return work.get();
        } finally {
            try {
                connection.setNetworkTimeout(Runnable::run, before);
            } catch (SQLException e) {
                // A connection whose timeout cannot be put back is broken; the pool's validation drops it.
            }
        }
    }
}
