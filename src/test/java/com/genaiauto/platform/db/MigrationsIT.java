package com.genaiauto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.testing.TestDatabase;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName("The Flyway schema on a real, empty PostgreSQL database")
class MigrationsIT {

    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;
    private static Jdbi jdbi;

    @BeforeAll
    static void createEmptyDatabase() {
        database = TestDatabase.create();
        dataSource = dataSourceFor(database);
        jdbi = DatabaseModule.configure(Jdbi.create(dataSource));
    }

    @AfterAll
    static void dropDatabase() {
        database.drop();
    }

    private static PGSimpleDataSource dataSourceFor(TestDatabase db) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(db.jdbcUrl());
        source.setUser(TestDatabase.USER);
        source.setPassword(TestDatabase.PASSWORD);
        return source;
    }

    private static Migrations migrations() {
        return new Migrations(dataSource, Map.of("embedding_dimension", "3"));
    }

    @Nested
    @DisplayName("applying")
    class Applying {

        @Test
        void shouldApplyToAnEmptyDatabaseThenBeANoOp() {
            TestDatabase empty = TestDatabase.create();
            try {
                PGSimpleDataSource source = dataSourceFor(empty);
                Migrations migrations = new Migrations(source, Map.of("embedding_dimension", "384"));
                assertThat(migrations.pending()).isNotEmpty();

                int first = migrations.migrate().migrationsExecuted;
                int second = migrations.migrate().migrationsExecuted;

                assertThat(first).isGreaterThanOrEqualTo(1);
                assertThat(second).isZero();
                assertThat(migrations.pending()).isEmpty();
                migrations.validate();
                assertThat(migrations.current()).isNotEqualTo("empty");
            } finally {
                empty.drop();
            }
        }

        @Test
        void shouldLetTheFirstReplicaApplyTheWholeHistoryWhileLaterOnesWait() throws Exception {
            TestDatabase empty = TestDatabase.create();
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            try {
                PGSimpleDataSource source = dataSourceFor(empty);
                int history = new Migrations(source, Map.of("embedding_dimension", "384")).pending().length;
                Callable<Integer> replica = () -> new Migrations(source, Map.of("embedding_dimension", "384"))
                        .migrate().migrationsExecuted;
                List<Future<Integer>> applied = new ArrayList<>();
                applied.add(replicas.submit(replica));
                // The others start once the first is under way, between two of its migrations.
                Jdbi db = Jdbi.create(source);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && db.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'")
                        .mapTo(Integer.class).one()) == 0) {
                    Thread.sleep(5);
                }
                applied.add(replicas.submit(replica));
                applied.add(replicas.submit(replica));
                List<Integer> counts = new ArrayList<>();
                for (Future<Integer> future : applied) {
                    counts.add(future.get(5, TimeUnit.MINUTES));
                }

                assertThat(counts).as("migrations applied by each replica, in start order").containsExactly(history, 0, 0);
            } finally {
                replicas.shutdownNow();
                empty.drop();
            }
        }

        @Test
        void shouldRefuseToRunBehindTheSchemaWhenAskedToBeUpToDate() {
            TestDatabase empty = TestDatabase.create();
            try {
                Migrations migrations = new Migrations(dataSourceFor(empty), Map.of("embedding_dimension", "384"));
                assertThatThrownBy(migrations::requireUpToDate)
                        .isInstanceOf(Migrations.PendingMigrationsException.class)
                        .hasMessageContaining("db migrate");
            } finally {
                empty.drop();
            }
        }
    }

    @Nested
    @DisplayName("the schema")
    class Schema {

        @BeforeAll
        static void migrate() {
            migrations().migrate();
        }

        @Test
        void shouldHaveEveryTableOfTheDesign() {
            List<String> tables = jdbi.withHandle(h -> h.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    .mapTo(String.class).list());
            assertThat(tables).contains("users", "refresh_tokens", "api_keys", "customers", "vehicles",
                    "service_history", "appointments", "conversations", "messages", "handoffs", "documents",
                    "document_chunks", "llm_usage", "audit_log");
        }

        @Test
        void shouldUseUuidKeysAndTimestampsWithTimeZone() {
            List<String> nonUuidKeys = jdbi.withHandle(h -> h.createQuery("""
                    SELECT c.table_name FROM information_schema.columns c
                    WHERE c.table_schema = 'public' AND c.column_name = 'id'
                      AND c.table_name <> 'audit_log' AND c.table_name <> 'flyway_schema_history'
                      AND c.data_type <> 'uuid'""").mapTo(String.class).list());
            List<String> naiveTimestamps = jdbi.withHandle(h -> h.createQuery("""
                    SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
                      AND table_name <> 'flyway_schema_history'""").mapTo(String.class).list());
            assertThat(nonUuidKeys).isEmpty();
            assertThat(naiveTimestamps).isEmpty();
        }

        @Test
        void shouldDeclareOnDeleteForEveryForeignKey() {
            List<String> defaultActions = jdbi.withHandle(h -> h.createQuery("""
                    SELECT conname FROM pg_constraint
                    WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND confdeltype = 'a'""")
                    .mapTo(String.class).list());
            assertThat(defaultActions).as("foreign keys left at NO ACTION").isEmpty();
        }

        @Test
        void shouldIndexEmbeddingsWithHnswAndSearchVectorsWithGin() {
            Map<String, String> indexes = jdbi.withHandle(h -> h.createQuery(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'document_chunks'")
                    .setMapKeyColumn("indexname").setMapValueColumn("indexdef")
                    .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
            assertThat(indexes.get("document_chunks_embedding_hnsw")).contains("USING hnsw", "vector_cosine_ops");
            assertThat(indexes.get("document_chunks_search_vector_gin")).contains("USING gin", "search_vector");
        }

        @Test
        void shouldStoreAndReadVectorsAndRankByCosineDistance() {
            UUID document = insertDocument("Tyre pressures");
            insertChunk(document, 0, "front tyres 2.4 bar", new PGvector(new float[] {1f, 0f, 0f}));
            insertChunk(document, 1, "battery care", new PGvector(new float[] {0f, 1f, 0f}));
            insertChunk(document, 2, "rear tyres 2.6 bar", new PGvector(new float[] {0.9f, 0.1f, 0f}));

            List<String> nearest = jdbi.withHandle(h -> h.createQuery("""
                    SELECT content FROM document_chunks WHERE document_id = :document
                    ORDER BY embedding <=> :query LIMIT 2""")
                    .bind("document", document)
                    .bind("query", new PGvector(new float[] {1f, 0.05f, 0f}))
                    .mapTo(String.class).list());
            PGvector stored = jdbi.withHandle(h -> h.createQuery(
                    "SELECT embedding FROM document_chunks WHERE document_id = :document AND chunk_index = 1")
                    .bind("document", document).mapTo(PGvector.class).one());

            assertThat(nearest).containsExactly("front tyres 2.4 bar", "rear tyres 2.6 bar");
            assertThat(stored.toArray()).containsExactly(0f, 1f, 0f);
        }

        @Test
        void shouldRejectAVectorOfTheWrongDimension() {
            UUID document = insertDocument("Wrong dimension");
            assertThatThrownBy(() -> insertChunk(document, 0, "x", new PGvector(new float[] {1f, 2f})))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("expected 3 dimensions");
        }

        @Test
        void shouldFillTheFullTextVectorFromSectionAndContent() {
            UUID document = insertDocument("Warning lights");
            insertChunk(document, 0, "The amber engine symbol means the engine needs service.", null);
            Integer hits = jdbi.withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM document_chunks
                    WHERE document_id = :document AND search_vector @@ websearch_to_tsquery('english', 'engines servicing')""")
                    .bind("document", document).mapTo(Integer.class).one());
            assertThat(hits).isEqualTo(1);
        }

        @Test
        void shouldRefuseTwoActiveAppointmentsInOverlappingSlotsOfOneBayOrOfOneVehicle() throws SQLException {
            UUID customer = UUID.randomUUID();
            UUID vehicle = UUID.randomUUID();
            UUID secondVehicle = UUID.randomUUID();
            jdbi.useHandle(h -> {
                h.execute("INSERT INTO customers (id, full_name) VALUES (?, 'Dana Owner')", customer);
                h.execute("INSERT INTO vehicles (id, customer_id, vin, make, model, model_year) "
                        + "VALUES (?, ?, '1HGCM82633A004352', 'Aster', 'Volt', 2024)", vehicle, customer);
                h.execute("INSERT INTO vehicles (id, customer_id, vin, make, model, model_year) "
                        + "VALUES (?, ?, '1M8GDM9AXKP042788', 'Aster', 'Volt', 2024)", secondVehicle, customer);
            });
            String book = "INSERT INTO appointments (id, vehicle_id, customer_id, service_type, dealer, bay, slot, status) "
                    + "VALUES (?, ?, ?, 'oil', 'north', 'bay-1', tstzrange(?::timestamptz, ?::timestamptz), ?)";
            jdbi.useHandle(h -> h.execute(book, UUID.randomUUID(), vehicle, customer,
                    "2026-12-01 09:00Z", "2026-12-01 10:00Z", "confirmed"));

            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(book, UUID.randomUUID(), secondVehicle, customer,
                    "2026-12-01 09:30Z", "2026-12-01 10:30Z", "requested")))
                    .hasMessageContaining("appointments_no_double_booking");
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(book.replace("'bay-1'", "'bay-2'"), UUID.randomUUID(),
                    vehicle, customer, "2026-12-01 09:30Z", "2026-12-01 10:30Z", "requested")))
                    .hasMessageContaining("appointments_vehicle_once_at_a_time");
            // Back-to-back slots, another vehicle in another bay and cancelled bookings do not conflict.
            jdbi.useHandle(h -> {
                h.execute(book, UUID.randomUUID(), vehicle, customer, "2026-12-01 10:00Z", "2026-12-01 11:00Z", "requested");
                h.execute(book.replace("'bay-1'", "'bay-2'"), UUID.randomUUID(), secondVehicle, customer,
                        "2026-12-01 09:00Z", "2026-12-01 10:00Z", "requested");
                h.execute(book, UUID.randomUUID(), vehicle, customer, "2026-12-01 09:00Z", "2026-12-01 10:00Z", "cancelled");
            });
            try (Connection connection = database.connect()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }

        @Test
        void shouldRejectMalformedVinsAndUnknownRoles() {
            UUID customer = UUID.randomUUID();
            jdbi.useHandle(h -> h.execute("INSERT INTO customers (id, full_name) VALUES (?, 'Sam')", customer));
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                    "INSERT INTO vehicles (id, customer_id, vin, make, model, model_year) VALUES (?, ?, 'IOQ12345678901234', 'A', 'B', 2020)",
                    UUID.randomUUID(), customer))).hasMessageContaining("vehicles_vin_shape");
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                    "INSERT INTO users (id, email, password_hash, role) VALUES (?, 'x@example.com', 'h', 'superuser')",
                    UUID.randomUUID()))).hasMessageContaining("users_role_valid");
        }

        private UUID insertDocument(String title) {
            UUID id = UUID.randomUUID();
            jdbi.useHandle(h -> h.execute(
                    "INSERT INTO documents (id, title, doc_type, source_name, content_hash) VALUES (?, ?, 'manual', ?, ?)",
                    id, title, id.toString(), id.toString()));
            return id;
        }

        private void insertChunk(UUID document, int index, String content, PGvector embedding) {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO document_chunks (id, document_id, chunk_index, content, embedding)
                    VALUES (:id, :document, :index, :content, :embedding)""")
                    .bind("id", UUID.randomUUID())
                    .bind("document", document)
                    .bind("index", index)
                    .bind("content", content)
                    .bindByType("embedding", embedding, PGvector.class)
                    .execute());
        }
    }
}
