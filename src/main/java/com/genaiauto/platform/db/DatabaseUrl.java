package com.genaiauto.platform.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A PostgreSQL location in JDBC form, parsed from either a JDBC URL or a URL such as
 * {@code postgresql+asyncpg://user:secret@db:5432/genai_auto?sslmode=require}.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
    }

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("database URL is empty: set DATABASE_URL or POSTGRES_* variables");
        }
        String url = raw.trim();
        if (url.startsWith(JDBC_PREFIX)) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("database URL must be jdbc:postgresql://… or postgresql://…");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        // "postgresql+asyncpg" and similar name a Python driver; the location is the same.
        String baseScheme = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!baseScheme.equals("postgresql") && !baseScheme.equals("postgres")) {
            throw new IllegalArgumentException("unsupported database URL scheme '" + scheme + "'");
        }
        URI uri;
        try {
            uri = new URI("postgresql" + url.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL is malformed", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL has no host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!rawUser.isEmpty()) {
                user = Optional.of(decode(rawUser));
            }
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user.orElse("(config)") + ", password=***]";
    }
}
