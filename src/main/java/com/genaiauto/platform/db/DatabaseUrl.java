package com.genaiauto.platform.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location in JDBC form, parsed from either a JDBC URL or a URL such as
 * {@code postgresql+asyncpg://user:secret@db:5432/genai_auto?sslmode=require}.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final Pattern HOST_AND_PORT =
            Pattern.compile("^([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$");

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
        // Parsed by hand: java.net.URI rejects host names with underscores (common for Compose
        // services) and its errors quote the whole URL, password included.
        String rest = url.substring(schemeEnd + 3);
        String query = null;
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        if (!HOST_AND_PORT.matcher(authority).matches()) {
            throw new IllegalArgumentException("database URL has no valid host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(authority).append(path);
        if (query != null && !query.isEmpty()) {
            jdbc.append('?').append(query);
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
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
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A literal '%' that is not an escape: take the value as written.
            return value;
        }
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user.orElse("(config)") + ", password=***]";
    }
}
