package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.configMap;
import static com.genaiauto.deploy.K8sResources.migrationContainer;
import static com.genaiauto.deploy.K8sResources.secretValues;
import static com.genaiauto.deploy.K8sResources.workloads;
import static com.genaiauto.deploy.ServiceFacts.configurationVariables;
import static com.genaiauto.deploy.ServiceFacts.dockerfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.DeploymentMode;
import com.genaiauto.auth.service.JwtSecretPolicy;
import com.genaiauto.platform.db.DatabaseUrl;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ConfigMap, the example Secret and the containers' env in {@code deploy/k8s/}: they set only
 * variables the service reads, keep secrets in the Secret, ship placeholders production refuses,
 * and name PostgreSQL and Redis Sentinel as the service parses them.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): settings and secrets")
class SettingsAndSecretsTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|API_KEY|TOKEN).*");

    @Test
    void shouldSetOnlyVariablesTheServiceReads() throws IOException {
        Set<String> read = new TreeSet<>(configurationVariables());
        read.addAll(dockerfile().entrypointVariables());
        Map<String, Set<String>> set = new LinkedHashMap<>();
        set.put("ConfigMap", configMap().getData().keySet());
        set.put("Secret", secretValues().keySet());
        for (var workload : workloads().entrySet()) {
            for (Container container : workload.getValue().getSpec().getContainers()) {
                set.put(workload.getKey(), Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                        .map(EnvVar::getName).collect(Collectors.toSet()));
            }
        }
        set.forEach((where, names) -> assertThat(read).as("variables of %s that nothing reads", where)
                .containsAll(names));
        assertThat(read).contains("JAVA_OPTS", "DATABASE_URL", "REDIS_URL", "MIGRATE_ON_START");
    }

    @Test
    void shouldKeepSecretsInTheSecretOnly() {
        Set<String> plain = configMap().getData().keySet();
        Set<String> secret = secretValues().keySet();
        assertThat(plain).as("secrets in the ConfigMap")
                .noneMatch(name -> SECRET_NAME.matcher(name).matches()).doesNotContain("REDIS_URL");
        assertThat(secret).contains("POSTGRES_PASSWORD", "JWT_SECRET_KEY", "REDIS_URL");
        assertThat(plain).as("set in both the ConfigMap and the Secret").doesNotContainAnyElementsOf(secret);
        assertThat(DatabaseUrl.parse(configMap().getData().get("DATABASE_URL")).password())
                .as("DATABASE_URL in the ConfigMap holds no password").isEmpty();
        for (Container container : List.of(apiContainer(), migrationContainer())) {
            assertThat(Optional.ofNullable(container.getEnv()).orElse(List.of()))
                    .as("literal secrets in %s", container.getName())
                    .noneMatch(env -> SECRET_NAME.matcher(env.getName()).matches() && env.getValue() != null);
        }
    }

    @Test
    void shouldProvideEveryKeyOfAProviderTheServiceKnowsAsASecret() throws IOException {
        Set<String> keys = configurationVariables().stream().filter(name -> name.endsWith("_API_KEY"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
        assertThat(secretValues().keySet()).containsAll(keys);
    }

    @Test
    void shouldShipPlaceholdersThatProductionRefuses() {
        String placeholder = secretValues().get("JWT_SECRET_KEY");
        assertThatThrownBy(() -> JwtSecretPolicy.enforce(placeholder, DeploymentMode.PRODUCTION))
                .hasMessageContaining("Refusing to start in production");
        assertThat(secretValues()).as("provider keys are left empty (a key enables its provider)")
                .allSatisfy((name, value) -> {
                    if (name.endsWith("_API_KEY")) {
                        assertThat(value).as(name).isEmpty();
                    }
                });
    }

    @Test
    void shouldNameExternalPostgresAndRedisSentinelAsTheServiceParsesThem() {
        DatabaseUrl database = DatabaseUrl.parse(configMap().getData().get("DATABASE_URL"));
        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://").doesNotContain("127.0.0.1", "localhost");
        RedisURI redis = RedisURI.create(secretValues().get("REDIS_URL"));
        assertThat(redis.getSentinels()).as("Redis through Sentinel").hasSizeGreaterThanOrEqualTo(2);
        assertThat(redis.getSentinelMasterId()).isNotBlank();
    }
}
