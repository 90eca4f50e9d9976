package com.genaiauto.rag;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * pgvector is installed at 0.8 or later, and the chunk embedding column has the dimension of the
 * configured embedding model (otherwise every insert and search would fail).
 */
public final class PgVectorHealthCheck extends HealthCheck {

    private static final String MINIMUM_VERSION = "0.8";

    private final Jdbi jdbi;
    private final int expectedDimension;

    public PgVectorHealthCheck(Jdbi jdbi, int expectedDimension) {
        this.jdbi = jdbi;
        this.expectedDimension = expectedDimension;
    }

    @Override
    protected Result check() {
        return jdbi.withHandle(handle -> {
            Optional<String> version = handle.createQuery(
                            "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
                    .mapTo(String.class).findOne();
            if (version.isEmpty()) {
                return Result.unhealthy("pgvector extension is not installed in this database");
            }
            if (compareVersions(version.get(), MINIMUM_VERSION) < 0) {
                return Result.unhealthy("pgvector " + version.get() + " is older than " + MINIMUM_VERSION);
            }
            Optional<Integer> dimension = handle.createQuery("""
                            SELECT a.atttypmod FROM pg_attribute a
                            WHERE a.attrelid = to_regclass('document_chunks') AND a.attname = 'embedding'""")
                    .mapTo(Integer.class).findOne();
            if (dimension.isPresent() && dimension.get() != expectedDimension) {
                return Result.unhealthy("document_chunks.embedding has " + dimension.get()
                        + " dimensions but the embedding model produces " + expectedDimension);
            }
            return Result.healthy("pgvector " + version.get() + ", " + expectedDimension + " dimensions");
        });
    }

    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parse(a[i]) : 0;
            int y = i < b.length ? parse(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int parse(String part) {
        String digits = part.replaceAll("\\D.*$", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
