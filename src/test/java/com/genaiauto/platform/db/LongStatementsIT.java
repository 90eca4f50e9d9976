package com.genaiauto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.platform.housekeeping.Housekeeping;
import com.genaiauto.platform.housekeeping.HousekeepingConfig;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName("A statement allowed to run longer than the connection's socket timeout")
class LongStatementsIT {

    private static TestDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void connect() {
        database = TestDatabase.create();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(TestDatabase.USER);
        source.setPassword(TestDatabase.PASSWORD);
        // As the pool's connections, scaled down: a server silent for a second is given up on.
        source.setSocketTimeout(1);
        jdbi = Jdbi.create(source);
    }

    @AfterAll
    static void drop() {
        database.drop();
    }

    private static void sleep(Handle handle, double seconds) {
        handle.createQuery("SELECT pg_sleep(:s)::text").bind("s", seconds).mapTo(String.class).one();
    }

    @Test
    void shouldRunPastTheSocketTimeoutThenPutTheTimeoutBack() throws Exception {
        jdbi.useHandle(handle -> {
            assertThatThrownBy(() -> sleep(handle, 1.5)).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        });
        jdbi.useHandle(handle -> {
            int before = handle.getConnection().getNetworkTimeout();
            String done = LongStatements.allow(handle, Duration.ofSeconds(10), () -> {
                sleep(handle, 1.5);
                return "published";
            });
            assertThat(done).isEqualTo("published");
            assertThat(handle.getConnection().getNetworkTimeout()).isEqualTo(before).isEqualTo(1000);
            assertThatThrownBy(() -> sleep(handle, 1.5)).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        });
    }

    @Test
    void shouldLetHousekeepingPurgeForLongerThanTheSocketTimeout() throws Exception {
        Housekeeping housekeeping = new Housekeeping(jdbi, new HousekeepingConfig(), Clock.systemUTC(), new MetricRegistry());
        // A purge opens its own handle on the shared Jdbi, as the modules' purges do.
        housekeeping.register(Retained.AUDIT_LOG, days -> jdbi.withHandle(handle -> {
            sleep(handle, 1.5);
            return 7L;
        }));

        Housekeeping.Report report = housekeeping.runNow();

        assertThat(report.ran()).isTrue();
        assertThat(report.removed()).containsEntry(Retained.AUDIT_LOG, 7L);
        jdbi.useHandle(handle -> assertThat(handle.getConnection().getNetworkTimeout()).isEqualTo(1000));
    }
}
