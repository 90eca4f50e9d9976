package com.genaiauto.auth.service;

import com.genaiauto.DeploymentMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the configured JWT signing secret may be used. HS256 needs at least 256 bits
 * of key; a secret copied from a default or an example would let anyone mint tokens, so
 * production refuses to start with one, while development only warns.
 */
public final class JwtSecretPolicy {

    public static final String DEVELOPMENT_DEFAULT_SECRET = "dev-only-insecure-jwt-secret-change-me-0123456789";
    public static final int MINIMUM_SECRET_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretPolicy.class);
    private static final Set<String> KNOWN_DEFAULTS = Set.of(
            DEVELOPMENT_DEFAULT_SECRET,
            "change-me",
            "changeme",
            "secret",
            "your-secret-key",
            "your-secret-key-here",
            "your-super-secret-key-change-in-production");

    private JwtSecretPolicy() {
    }

    /** Throws {@link InsecureJwtSecretException} in production when the secret is unsafe. */
    public static void enforce(String secret, DeploymentMode mode) {
        String problem = problemWith(secret);
        if (problem == null) {
            return;
        }
        if (mode.isProduction()) {
            throw new InsecureJwtSecretException("Refusing to start in production mode: " + problem
                    + ". Set JWT_SECRET_KEY to a random value of at least " + MINIMUM_SECRET_BYTES
                    + " bytes, e.g. the output of `openssl rand -base64 48`.");
        }
        LOG.warn("JWT secret is unsafe ({}); acceptable only outside production.", problem);
    }

    static String problemWith(String secret) {
        if (secret == null || secret.isBlank()) {
            return "JWT_SECRET_KEY is empty";
        }
        if (KNOWN_DEFAULTS.contains(secret.trim().toLowerCase(Locale.ROOT)) || KNOWN_DEFAULTS.contains(secret)) {
            return "JWT_SECRET_KEY is a default value";
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
            return "JWT_SECRET_KEY is shorter than " + MINIMUM_SECRET_BYTES + " bytes (256 bits)";
        }
        return null;
    }

    /** Start-up failure with an operator-facing message. */
    public static final class InsecureJwtSecretException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public InsecureJwtSecretException(String message) {
            super(message);
        }
    }
}
