package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Dockerfile, the Compose files and .env.example agree with each other and with the tree. */
@DisplayName("Container and Compose files")
class ContainerFilesTest {

    private static final List<String> COMPOSE_FILES = List.of("docker-compose.yml", "docker-compose.prod.yml",
            "docker-compose.metrics.yml", "docker-compose.ha.yml");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ENV_LINE = Pattern.compile("^(?:#\\s*)?([A-Z_][A-Z0-9_]*)=", Pattern.MULTILINE);

    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode compose(String file) throws IOException {
        return YAML.readTree(Path.of(file).toFile());
    }

    /** Variables referenced outside comments. */
    private static Set<String> variables(String file) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher matcher = VARIABLE.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Set<String> documentedVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = ENV_LINE.matcher(Files.readString(Path.of(".env.example")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every service of the stack as the base file and the overlays define it together. */
    private static Map<String, List<JsonNode>> services() throws IOException {
        Map<String, List<JsonNode>> services = new TreeMap<>();
        for (String file : COMPOSE_FILES) {
            compose(file).path("services").fields().forEachRemaining(
                    service -> services.computeIfAbsent(service.getKey(), name -> new ArrayList<>()).add(service.getValue()));
        }
        return services;
    }

    @Nested
    @DisplayName(".env.example")
    class Environment {

        @Test
        void shouldListEveryVariableTheComposeFilesUse() throws IOException {
            Set<String> documented = documentedVariables();
            for (String file : COMPOSE_FILES) {
                assertThat(documented).as("variables of %s missing from .env.example", file)
                        .containsAll(variables(file));
            }
        }

        @Test
        void shouldListEveryVariableOfTheConfiguration() throws IOException {
            assertThat(documentedVariables()).as("variables of config.yml missing from .env.example")
                    .containsAll(variables("config.yml"));
        }

        @Test
        void shouldLeaveEverySecretEmpty() throws IOException {
            Matcher matcher = Pattern.compile("^([A-Z_]*(PASSWORD|SECRET|API_KEY)[A-Z_]*)=(.*)$", Pattern.MULTILINE)
                    .matcher(Files.readString(Path.of(".env.example")));
            int secrets = 0;
            while (matcher.find()) {
                assertThat(matcher.group(3)).as("placeholder of %s", matcher.group(1)).isEmpty();
                secrets++;
            }
            assertThat(secrets).isGreaterThanOrEqualTo(4);
        }
    }

    @Nested
    @DisplayName("Compose files")
    class Compose {

        @Test
        void shouldReferToFilesAndDirectoriesThatExist() throws IOException {
            for (String file : COMPOSE_FILES) {
                for (JsonNode service : iterable(compose(file).path("services"))) {
                    for (JsonNode volume : service.path("volumes")) {
                        String source = withDefaults(volume.asText()).split(":")[0];
                        if (source.startsWith(".")) {
                            assertThat(Path.of(source)).as("%s mounts %s", file, source).exists();
                        }
                    }
                    JsonNode build = service.path("build");
                    if (!build.isMissingNode()) {
                        assertThat(Path.of(build.asText(), "Dockerfile")).exists();
                    }
                    for (JsonNode envFile : service.path("env_file")) {
                        // .env is the operator's copy of .env.example.
                        String path = withDefaults(envFile.asText());
                        assertThat(Path.of(path.equals(".env") ? ".env.example" : path)).exists();
                    }
                }
            }
        }

        @Test
        void shouldStartTheApiOnlyOnceDatabaseAndRedisAreHealthy() throws IOException {
            JsonNode services = compose("docker-compose.yml").path("services");
            JsonNode api = services.path("api");
            assertThat(api.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(api.path("depends_on").path("redis").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(services.path("postgres").path("healthcheck").path("test")).isNotEmpty();
            assertThat(services.path("redis").path("healthcheck").path("test")).isNotEmpty();
            assertThat(services.path("postgres").path("image").asText()).startsWith("pgvector/pgvector:").endsWith("-pg15");
            assertThat(services.path("redis").path("image").asText()).startsWith("redis:7");
            assertThat(services.path("redis").path("command").toString()).contains("--appendonly yes", "--requirepass");
        }

        @Test
        void shouldRestartEveryServiceAndJoinOneNetworkWithNamedVolumes() throws IOException {
            for (String file : List.of("docker-compose.yml", "docker-compose.metrics.yml")) {
                JsonNode root = compose(file);
                Set<String> declaredVolumes = new TreeSet<>();
                root.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
                for (var service : iterable(root.path("services").fields())) {
                    assertThat(service.getValue().path("restart").asText()).as(service.getKey()).isEqualTo("unless-stopped");
                    assertThat(service.getValue().path("networks").toString()).as(service.getKey()).isEqualTo("[\"backend\"]");
                    for (JsonNode volume : service.getValue().path("volumes")) {
                        String source = withDefaults(volume.asText()).split(":")[0];
                        if (!source.startsWith(".") && !source.startsWith("/")) {
                            assertThat(declaredVolumes).as("named volume of %s", service.getKey()).contains(source);
                        }
                    }
                }
            }
            JsonNode networks = compose("docker-compose.yml").path("networks");
            assertThat(networks.size()).isEqualTo(1);
        }

        @Test
        void shouldPublishNoDatabaseOrRedisPortAndBindTheToolsToLoopback() throws IOException {
            Map<String, List<JsonNode>> services = services();
            for (String backend : List.of("postgres", "redis", "api", "node-exporter", "postgres-exporter",
                    "redis-exporter")) {
                assertThat(services.get(backend)).allSatisfy(definition ->
                        assertThat(definition.path("ports").isMissingNode()).as("%s publishes a port", backend).isTrue());
            }
            for (String tool : List.of("pgadmin", "prometheus", "alertmanager", "grafana")) {
                assertThat(services.get(tool)).allSatisfy(definition -> assertThat(definition.path("ports"))
                        .allSatisfy(port -> assertThat(port.asText()).as(tool).startsWith("127.0.0.1:")));
            }
        }

        @Test
        void shouldLimitEveryServiceInTheProductionOverlay() throws IOException {
            JsonNode prod = compose("docker-compose.prod.yml").path("services");
            for (String service : List.of("postgres", "redis", "api", "nginx")) {
                JsonNode limits = prod.path(service).path("deploy").path("resources").path("limits");
                assertThat(limits.path("memory").asText()).as(service).isNotBlank();
                assertThat(limits.path("cpus").asText()).as(service).isNotBlank();
            }
        }

        @Test
        void shouldPinEveryImageToAVersion() throws IOException {
            for (String file : COMPOSE_FILES) {
                for (JsonNode service : iterable(compose(file).path("services"))) {
                    String image = service.path("image").asText();
                    if (!image.isEmpty() && !image.startsWith("${")) {
                        assertThat(image).as("%s in %s", image, file).matches("[^:]+:v?\\d+\\.\\d+(\\.\\d+)?[^:]*");
                    }
                }
            }
            Files.readAllLines(Path.of("Dockerfile")).stream().filter(line -> line.startsWith("FROM ") && line.contains(":"))
                    .forEach(line -> assertThat(line).matches("FROM [^:]+:\\d+\\.\\d+(\\.\\d+)?\\S* AS \\S+"));
        }

        @Test
        void shouldGiveAlertmanagerEveryVariableOfItsTemplateFromDotEnv() throws IOException {
            Set<String> template = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("monitoring/alertmanager.yml"))) {
                Matcher matcher = VARIABLE.matcher(line);
                while (!line.stripLeading().startsWith("#") && matcher.find()) {
                    template.add(matcher.group(1));
                }
            }
            assertThat(template).contains("ALERT_PAGER_WEBHOOK_URL", "ALERT_CHAT_WEBHOOK_URL", "DEADMANS_SWITCH_URL");
            JsonNode alertmanager = compose("docker-compose.metrics.yml").path("services").path("alertmanager");
            Set<String> passed = new TreeSet<>();
            alertmanager.path("environment").fields().forEachRemaining(variable -> {
                passed.add(variable.getKey());
                // Required: Alertmanager must not start with a receiver that goes nowhere.
                assertThat(variable.getValue().asText()).startsWith("${" + variable.getKey() + ":?");
            });
            assertThat(passed).isEqualTo(template);
            // Rendered by the script at each start, into memory, before Alertmanager reads it.
            assertThat(alertmanager.path("volumes").toString())
                    .contains("./monitoring/render-alertmanager-config:/etc/alertmanager/render-config:ro");
            assertThat(alertmanager.path("command").toString())
                    .contains("/etc/alertmanager/render-config /etc/alertmanager/alertmanager.yml /tmp/alertmanager.yml")
                    .contains("exec /bin/alertmanager --config.file=/tmp/alertmanager.yml");
            assertThat(alertmanager.path("tmpfs").toString()).contains("/tmp");
            assertThat(Files.isExecutable(Path.of("monitoring/render-alertmanager-config"))).isTrue();
        }

        @Test
        void shouldRunTheExportersWithTheHostReadOnlyAndTheStoresCredentialsOfDotEnv() throws IOException {
            JsonNode services = compose("docker-compose.metrics.yml").path("services");
            JsonNode node = services.path("node-exporter");
            assertThat(node.path("volumes")).isNotEmpty().allSatisfy(volume ->
                    assertThat(volume.asText()).containsPattern(":ro(,rslave)?$"));
            assertThat(node.path("volumes").toString()).contains("${NODE_TEXTFILE_DIR:-./var/metrics}:/textfile:ro",
                    "/proc:/host/proc:ro", "/sys:/host/sys:ro", "/:/host/root:ro");
            assertThat(node.path("command").toString()).contains("--collector.textfile.directory=/textfile",
                    "--path.rootfs=/host/root", "--path.procfs=/host/proc", "--path.sysfs=/host/sys");
            JsonNode postgres = services.path("postgres-exporter").path("environment");
            assertThat(postgres.path("DATA_SOURCE_URI").asText()).startsWith("postgres:5432/${POSTGRES_DB:-genai_auto}");
            assertThat(postgres.path("DATA_SOURCE_USER").asText()).isEqualTo("${POSTGRES_USER:-genai}");
            assertThat(postgres.path("DATA_SOURCE_PASS").asText()).startsWith("${POSTGRES_PASSWORD:?");
            JsonNode redis = services.path("redis-exporter").path("environment");
            assertThat(redis.path("REDIS_ADDR").asText()).isEqualTo("redis://redis:6379");
            assertThat(redis.path("REDIS_PASSWORD").asText()).startsWith("${REDIS_PASSWORD:?");
            // Prometheus scrapes each of them by its compose name.
            String prometheus = Files.readString(Path.of("monitoring/prometheus.yml"));
            assertThat(prometheus).contains("targets: ['node-exporter:9100']", "targets: ['postgres-exporter:9187']",
                    "targets: ['redis-exporter:9121']");
        }

        @Test
        void shouldKeepPgAdminInTheToolsProfile() throws IOException {
            JsonNode pgadmin = compose("docker-compose.yml").path("services").path("pgadmin");
            assertThat(pgadmin.path("profiles").toString()).isEqualTo("[\"tools\"]");
        }
    }

    @Nested
    @DisplayName("Dockerfile")
    class Image {

        @Test
        void shouldRunOnASlimJreAsNonRootFromAHostJarOrAMavenStage() throws IOException {
            String dockerfile = Files.readString(Path.of("Dockerfile"));
            List<String> stages = dockerfile.lines().filter(line -> line.startsWith("FROM ")).toList();
            // `--target runtime` must not need the Maven image: no stage before it uses it.
            assertThat(stages).hasSize(4);
            assertThat(stages.get(0)).contains("-jre", " AS runtime-base");
            assertThat(stages.get(1)).isEqualTo("FROM runtime-base AS runtime");
            assertThat(stages.get(2)).contains("maven:", " AS build");
            assertThat(stages.get(3)).isEqualTo("FROM runtime-base AS app");
            assertThat(dockerfile).containsPattern("(?m)^USER genai")
                    .containsPattern("(?m)^HEALTHCHECK .*\\n.*/health/live")
                    .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
        }

        @Test
        void shouldCopyOnlyWhatExistsAndIsNotIgnored() throws IOException {
            String dockerfile = Files.readString(Path.of("Dockerfile"));
            List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            Matcher copy = Pattern.compile("(?m)^COPY (?:--chown=\\S+ )?(?!--from)(\\S+)").matcher(dockerfile);
            int copies = 0;
            while (copy.find()) {
                String source = copy.group(1);
                if (source.equals("target/genai-auto.jar")) {
                    // Packaged after the unit tests run; the build context must let it through.
                    assertThat(ignored).contains("target/*", "!target/genai-auto.jar");
                } else {
                    assertThat(Path.of(source)).exists();
                    assertThat(ignored).as(".dockerignore hides %s", source).doesNotContain(source);
                }
                copies++;
            }
            assertThat(copies).isGreaterThanOrEqualTo(4);
        }
    }

    /** {@code ${NAME:-default}} replaced by its default, as Compose reads it without a .env. */
    private static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    private static <T> Iterable<T> iterable(Iterable<T> nodes) {
        return nodes;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> nodes) {
        return () -> nodes;
    }
}
