package com.genaiauto.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    /** Key of the advisory lock held while migrating: a constant used for nothing else. */
    private static final long LOCK_KEY = 0x6d69677261746521L;
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Flyway flyway;

    public Migrations(DataSource dataSource, Map<String, String> placeholders) {
        this.dataSource = dataSource;
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

    /**
     * Applies pending migrations while holding a session-level advisory lock of our own. Flyway
     * locks per migration, so replicas starting together would otherwise take turns and each apply
     * part of a long history; with this lock one replica applies all of it and the others find
     * nothing pending.
     */
    public MigrateResult migrate() {
        try (Connection connection = dataSource.getConnection()) {
            acquire(connection);
            try {
                return migrateLocked();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, LOCK_KEY);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the migration lock", e);
        }
    }

    private static void acquire(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            while (true) {
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("another replica has held the migration lock for " + LOCK_WAIT);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the migration lock", e);
                }
            }
        }
    }

    private MigrateResult migrateLocked() {
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
