package com.genaiauto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("config.yml")
class ConfigurationFileTest {

    /** The environment names of the original deployment guide, which must keep working. */
    private static final List<String> GUIDE_VARIABLES = List.of("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB",
            "DATABASE_URL", "REDIS_URL", "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", "LLM_MODEL", "EMBEDDING_MODEL",
            "JWT_SECRET_KEY", "JWT_ACCESS_EXPIRE_MINUTES", "JWT_REFRESH_EXPIRE_DAYS", "CACHE_ENABLED", "CACHE_TTL",
            "CONFIDENCE_THRESHOLD", "HUMAN_SUPPORT_WEBHOOK", "MASK_PII", "LOG_LEVEL", "SCHEDULER_API_URL");

    @Test
    void shouldReadEveryEnvironmentNameOfTheDeploymentGuide() throws Exception {
        String yaml = Files.readString(Path.of("config.yml"));
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)").matcher(yaml);
        List<String> referenced = matcher.results().map(result -> result.group(1)).toList();
        assertThat(referenced).containsAll(GUIDE_VARIABLES);
    }

    @Test
    void shouldLoadAndValidateWithTheDocumentedDefaults() throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        var factory = new YamlConfigurationFactory<>(GenAiAutoConfiguration.class, Validators.newValidator(), mapper, "dw");
        var source = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false, true));
        GenAiAutoConfiguration config = factory.build(source, "config.yml");

        // Only meaningful where the variables are unset, as on a developer machine or in CI.
        if (System.getenv("DATABASE_URL") == null && System.getenv("POSTGRES_DB") == null) {
            assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/genai_auto");
        }
        if (System.getenv("JWT_ACCESS_EXPIRE_MINUTES") == null) {
            assertThat(config.getAuth().accessTokenExpireMinutes()).isEqualTo(30);
        }
        if (System.getenv("CONFIDENCE_THRESHOLD") == null) {
            assertThat(config.getConversations().confidenceThreshold()).isEqualTo(0.7);
        }
        if (System.getenv("CACHE_TTL") == null) {
            assertThat(config.getLlm().cacheTtlSeconds()).isEqualTo(3600);
        }
        assertThat(config.getRag().embeddingDimension()).isEqualTo(384);
    }
}
