package com.genaiauto.platform.db;

import java.sql.SQLException;

/** Recognises the PostgreSQL errors that mean a business rule, not a fault. */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String EXCLUSION_VIOLATION = "23P01";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    /**
     * True when the error, or one of its causes, says the database cannot be reached or will not
     * take work now (connection failures, the server shutting down or starting, no free
     * connection on either side): a retry later can succeed, so it is not a fault of the request.
     */
    public static boolean isUnavailable(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            // No connection free within the pool's wait (a spike) is overload, answered the same way.
            if (cause instanceof org.jdbi.v3.core.ConnectionException || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.net.ConnectException
                    || cause instanceof org.apache.tomcat.jdbc.pool.PoolExhaustedException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
            cause = cause.getCause();
        }
        return false;
    }

    /** The constraint a PostgreSQL error names (an exclusion or unique violation), if any. */
    public static java.util.Optional<String> constraint(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return java.util.Optional.of(psql.getServerErrorMessage().getConstraint());
            }
            cause = cause.getCause();
        }
        return java.util.Optional.empty();
    }

    /** True when the error, or one of its causes, is a PostgreSQL error with this SQLSTATE. */
    public static boolean is(Throwable error, String sqlState) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
