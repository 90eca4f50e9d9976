package com.genaiauto.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, empty PostgreSQL database on the real server for one test class, dropped afterwards.
 * Created as the application role (which may create databases); pgvector comes from template1,
 * where provisioning installs it.
 */
public final class TestDatabase implements AfterAllCallback {

    public static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("TEST_PG_PORT", "5432"));
    public static final String USER = env("TEST_PG_USER", "genai");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "genai");
    /** A member of USER with a password production mode accepts (scripts/provision creates it). */
    public static final String PRODUCTION_USER = "genai_production_test";
    public static final String PRODUCTION_PASSWORD = "production-test-4c1f7e9a2b6d";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "genai_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public int port() {
        return PORT;
    }

    public String jdbcUrl() {
        return jdbcUrl(HOST, PORT);
    }

    public String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** The single number a query returns ({@code SELECT count(*) ...}). */
    public long count(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (OuterClassOnly.isNested(context)) {
            return;
        }
        drop();
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on the test PostgreSQL server at "
                    + HOST + ":" + PORT + " as " + USER + " (run scripts/provision first)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
