package com.genaiauto.platform.config;

import com.genaiauto.DeploymentMode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Production refuses to start with a secret left at a development default or empty, naming each
 * one and how to set it, instead of running with a password anyone can read in config.yml.
 */
public final class ProductionSecrets {

    private ProductionSecrets() {
    }

    /** A secret's variable, its effective value and the values that are no secret at all. */
    public record Secret(String variable, String value, Set<String> unsafe) {
        boolean isUnsafe() {
            return value == null || value.isBlank() || unsafe.contains(value);
        }
    }

    public static void enforce(DeploymentMode mode, List<Secret> secrets) {
        if (!mode.isProduction()) {
            return;
        }
        String problems = secrets.stream().filter(Secret::isUnsafe).map(Secret::variable)
                .collect(Collectors.joining(", "));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + problems
                    + " empty or left at a development default; set each (or <NAME>_FILE to a file holding it)");
        }
    }
}
