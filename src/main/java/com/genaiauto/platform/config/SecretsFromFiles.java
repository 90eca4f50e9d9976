package com.genaiauto.platform.config;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.commons.text.lookup.StringLookup;

/**
 * {@code ${NAME}} in config.yml reads the environment variable NAME or, when it is unset, the file
 * that NAME_FILE names (Docker and Kubernetes secrets are files: POSTGRES_PASSWORD_FILE=/run/secrets/db).
 * One trailing newline is dropped, as files written by {@code echo} or editors end with one.
 */
public final class SecretsFromFiles implements StringLookup {

    private final UnaryOperator<String> environment;

    public SecretsFromFiles(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Dropwizard's substitutor (non-strict, nested defaults) reading through this lookup. */
    public static EnvironmentVariableSubstitutor substitutor() {
        EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(false, true);
        substitutor.setVariableResolver(new SecretsFromFiles(System::getenv));
        return substitutor;
    }

    @Override
    public String lookup(String name) {
        String value = environment.apply(name);
        if (value != null) {
            return value;
        }
        String file = environment.apply(name + "_FILE");
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8);
            if (content.endsWith("\r\n")) {
                return content.substring(0, content.length() - 2);
            }
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new UncheckedIOException(name + "_FILE names " + file.strip() + ", which cannot be read", e);
        }
    }
}
