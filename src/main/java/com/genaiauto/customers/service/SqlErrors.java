package com.genaiauto.customers.service;

import java.sql.SQLException;

/** Recognises the PostgreSQL errors that mean a business rule, not a fault. */
final class SqlErrors {

    static final String UNIQUE_VIOLATION = "23505";
    static final String EXCLUSION_VIOLATION = "23P01";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    static boolean is(Throwable error, String sqlState) {
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
