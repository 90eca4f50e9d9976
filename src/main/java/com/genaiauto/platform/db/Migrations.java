package com.genaiauto.platform.db;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flyway schema history of the service. Scripts live in the top-level {@code migrations/}
 * folder and are packaged into the jar under {@code db/migration}.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final Flyway flyway;

    public Migrations(DataSource dataSource, Map<String, String> placeholders) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(placeholders)
                .cleanDisabled(true)
                // Replicas starting together wait for the one migrating (up to 10 minutes).
                .lockRetryCount(600)
                .validateMigrationNaming(true)
                .load();
    }

    public MigrateResult migrate() {
        MigrateResult result = flyway.migrate();
        LOG.info("Database schema at version {} ({} migration(s) applied)",
                result.targetSchemaVersion == null ? current() : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    public MigrationInfo[] pending() {
        return flyway.info().pending();
    }

    public String current() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "empty" : current.getVersion().getVersion();
    }

    public String describe() {
        return Arrays.stream(flyway.info().all())
                .map(info -> String.format("%-8s %-40s %-10s %s",
                        info.getVersion() == null ? "" : info.getVersion().getVersion(),
                        info.getDescription(),
                        info.getState().getDisplayName(),
                        info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * Removes failed entries from the schema history and realigns checksums with the packaged
     * scripts (after a migration failed half-way and was fixed by hand). Returns what it did.
     */
    public String repair() {
        var result = flyway.repair();
        return "removed " + result.migrationsRemoved.size() + " failed, realigned " + result.migrationsAligned.size()
                + ", deleted " + result.migrationsDeleted.size() + " missing entries";
    }

    /**
     * Marks an existing schema, created before it had a history, as already at the baseline
     * version, so that later migrations apply on top of it.
     */
    public String baseline(String version) {
        Flyway at = Flyway.configure().configuration(flyway.getConfiguration()).baselineVersion(version).load();
        at.baseline();
        return "baselined at version " + version;
    }

    public void validate() {
        flyway.validate();
    }

    /** Fails fast when the schema is behind the code and migration at start-up is off. */
    public void requireUpToDate() {
        MigrationInfo[] pending = pending();
        if (pending.length > 0) {
            throw new PendingMigrationsException(pending.length, pending[pending.length - 1].getVersion().getVersion());
        }
    }

    /** The schema lags behind the application; start-up stops with instructions. */
    public static final class PendingMigrationsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PendingMigrationsException(int count, String latest) {
            super(count + " database migration(s) pending (up to version " + latest + "). Run "
                    + "`java -jar genai-auto.jar db migrate config.yml` or set MIGRATE_ON_START=true.");
        }
    }
}
