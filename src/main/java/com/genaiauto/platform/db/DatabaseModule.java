package com.genaiauto.platform.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Builds the one JDBI instance of the service on a managed pool, after bringing the schema up to
 * date (or refusing to start when it is behind and migration at start-up is off).
 */
public final class DatabaseModule {

    public static final String HEALTH_CHECK_NAME = "postgresql";

    private final Jdbi jdbi;

    private DatabaseModule(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public static DatabaseModule create(DatabaseConfig config, Map<String, String> placeholders, Environment environment) {
        Migrations migrations = new Migrations(DirectDataSource.from(config, "genai-auto-migrations"), placeholders);
        if (config.migrateOnStart()) {
            migrations.migrate();
        } else {
            migrations.requireUpToDate();
        }
        // JdbiFactory manages the pool's lifecycle and registers the admin health check.
        return new DatabaseModule(configure(new JdbiFactory().build(environment, config, HEALTH_CHECK_NAME)));
    }

    /**
     * What every JDBI instance of the service needs (SqlObject DAOs, PostgreSQL types, pgvector);
     * commands and tests that open their own use this too.
     */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.installPlugin(new SqlObjectPlugin());
        PgVectorSupport.install(jdbi);
        return jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
