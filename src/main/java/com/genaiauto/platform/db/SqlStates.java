package com.genaiauto.platform.db;

import java.sql.SQLException;

/** Recognises the PostgreSQL errors that mean a business rule, not a fault. */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String EXCLUSION_VIOLATION = "23P01";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
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
