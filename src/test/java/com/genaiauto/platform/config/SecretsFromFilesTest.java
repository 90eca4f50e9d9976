package com.genaiauto.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.DeploymentMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Secrets")
class SecretsFromFilesTest {

    @Nested
    @DisplayName("from files (NAME_FILE)")
    class FromFiles {

        @TempDir
        Path dir;

        @Test
        void shouldPreferTheVariableItself() throws IOException {
            Path file = Files.writeString(dir.resolve("secret"), "from-file");
            SecretsFromFiles lookup = new SecretsFromFiles(Map.of("DB_PASSWORD", "from-env",
                    "DB_PASSWORD_FILE", file.toString())::get);
            assertThat(lookup.lookup("DB_PASSWORD")).isEqualTo("from-env");
        }

        @Test
        void shouldReadTheFileWithoutItsTrailingNewline() throws IOException {
            Path file = Files.writeString(dir.resolve("secret"), "s3cret value\n");
            SecretsFromFiles lookup = new SecretsFromFiles(Map.of("DB_PASSWORD_FILE", file.toString())::get);
            assertThat(lookup.lookup("DB_PASSWORD")).isEqualTo("s3cret value");
            Files.writeString(file, "windows\r\n");
            assertThat(lookup.lookup("DB_PASSWORD")).isEqualTo("windows");
        }

        @Test
        void shouldLeaveAnUnsetVariableUnsetSoItsDefaultApplies() {
            assertThat(new SecretsFromFiles(Map.<String, String>of()::get).lookup("DB_PASSWORD")).isNull();
        }

        @Test
        void shouldFailNamingTheVariableWhenTheFileCannotBeRead() {
            SecretsFromFiles lookup = new SecretsFromFiles(Map.of("DB_PASSWORD_FILE", "/nonexistent/secret")::get);
            assertThatThrownBy(() -> lookup.lookup("DB_PASSWORD")).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("DB_PASSWORD_FILE names /nonexistent/secret, which cannot be read");
        }
    }

    @Nested
    @DisplayName("in production")
    class InProduction {

        private final List<ProductionSecrets.Secret> defaults = List.of(
                new ProductionSecrets.Secret("POSTGRES_PASSWORD", "genai", Set.of("genai")),
                new ProductionSecrets.Secret("REDIS_PASSWORD", "", Set.of()));

        @Test
        void shouldRefuseEmptyAndDefaultSecretsNamingEach() {
            assertThatThrownBy(() -> ProductionSecrets.enforce(DeploymentMode.PRODUCTION, defaults))
                    .hasMessage("Refusing to start in production: POSTGRES_PASSWORD, REDIS_PASSWORD empty or left at "
                            + "a development default; set each (or <NAME>_FILE to a file holding it)");
        }

        @Test
        void shouldAcceptRealSecrets() {
            ProductionSecrets.enforce(DeploymentMode.PRODUCTION, List.of(
                    new ProductionSecrets.Secret("POSTGRES_PASSWORD", "k2f9-long-random", Set.of("genai")),
                    new ProductionSecrets.Secret("REDIS_PASSWORD", "x8q-random", Set.of())));
        }

        @Test
        void shouldLetDevelopmentRunWithDefaults() {
            ProductionSecrets.enforce(DeploymentMode.DEVELOPMENT, defaults);
            ProductionSecrets.enforce(DeploymentMode.TEST, defaults);
        }
    }
}
