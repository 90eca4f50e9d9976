package com.genaiauto.platform.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;

/**
 * The connection pool settings of Dropwizard plus migration behaviour. The URL may be a JDBC URL
 * or the {@code postgresql://user:pass@host:port/db} form of the original deployment guide.
 */
public class DatabaseConfig extends DataSourceFactory {

    @JsonProperty
    private boolean migrateOnStart = true;

    public DatabaseConfig() {
        setDriverClass("org.postgresql.Driver");
        setValidationQuery("/* genai-auto health */ SELECT 1");
    }

    public boolean migrateOnStart() {
        return migrateOnStart;
    }

    public DatabaseConfig withMigrateOnStart(boolean value) {
        this.migrateOnStart = value;
        return this;
    }

    /** The password the pool will use: the one in a URL-style DATABASE_URL, else POSTGRES_PASSWORD. */
    public String effectivePassword() {
        return DatabaseUrl.parse(getUrl()).password().orElse(getPassword());
    }

    /** Rewrites a URL-style DATABASE_URL into JDBC form, taking credentials from it when present. */
    public DatabaseConfig normalised() {
        DatabaseUrl parsed = DatabaseUrl.parse(getUrl());
        setUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(this::setUser);
        parsed.password().ifPresent(this::setPassword);
        return this;
    }
}
