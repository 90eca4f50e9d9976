package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.apiPods;
import static com.genaiauto.deploy.K8sResources.configMap;
import static com.genaiauto.deploy.K8sResources.containerPort;
import static com.genaiauto.deploy.K8sResources.deployment;
import static com.genaiauto.deploy.K8sResources.environment;
import static com.genaiauto.deploy.K8sResources.explicitEnv;
import static com.genaiauto.deploy.K8sResources.migrationContainer;
import static com.genaiauto.deploy.K8sResources.secretValues;
import static com.genaiauto.deploy.ServiceFacts.configuration;
import static com.genaiauto.deploy.ServiceFacts.dockerfile;
import static com.genaiauto.deploy.ServiceFacts.resourcePaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.DeploymentMode;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.platform.health.HealthResource;
import com.genaiauto.platform.metrics.MetricsResource;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API's Deployment in {@code deploy/k8s/}: its ports and settings are the ones config.yml and
 * the Dockerfile use, its probes the service's own health paths, and it starts, stops, rolls out,
 * spreads and announces its metrics the way the service needs.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): the API's Deployment")
class ApiDeploymentTest {

    @Test
    void shouldNameThePortsTheConfigurationOpens() throws Exception {
        GenAiAutoConfiguration config = configuration(environment(apiContainer()));
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(containerPort("http").getContainerPort()).isEqualTo(application.getPort());
        assertThat(application.getBindHost()).as("the application port listens on the pod's address")
                .isEqualTo("0.0.0.0");
        assertThat(containerPort("admin").getContainerPort()).isEqualTo(admin.getPort());
        assertThat(admin.getBindHost()).as("the admin port (unauthenticated tasks) stays on loopback")
                .isEqualTo("127.0.0.1");
        assertThat(dockerfile().exposedPorts()).contains(application.getPort(), admin.getPort());
    }

    @Test
    void shouldLoadAndValidateTheConfigurationWithTheManifestsSettings() throws Exception {
        GenAiAutoConfiguration api = configuration(environment(apiContainer()));
        assertThat(api.getMode()).isEqualTo(DeploymentMode.PRODUCTION);
        assertThat(api.getDatabase().migrateOnStart()).as("the Job migrates, not the pods").isFalse();
        assertThat(api.getDatabase().getUrl()).isEqualTo(configMap().getData().get("DATABASE_URL"));
        assertThat(api.getDatabase().getPassword()).isEqualTo(secretValues().get("POSTGRES_PASSWORD"));
        assertThat(api.getRedis().url()).isEqualTo(secretValues().get("REDIS_URL"));
        assertThat(api.getAuth().jwtSecretKey()).isEqualTo(secretValues().get("JWT_SECRET_KEY"));
        assertThat(explicitEnv(apiContainer(), "MIGRATE_ON_START")).contains("false");
        assertThat(configuration(environment(migrationContainer())).getDatabase().migrateOnStart()).isTrue();
    }

    @Test
    void shouldProbeTheServicesOwnHealthPathsOnTheApplicationPort() {
        Map<String, String> health = resourcePaths(HealthResource.class);
        Container api = apiContainer();
        assertThat(path(api.getLivenessProbe())).as("liveness: the process answers, whatever PostgreSQL does")
                .isEqualTo(health.get("live"));
        assertThat(path(api.getStartupProbe())).isEqualTo(health.get("live"));
        assertThat(path(api.getReadinessProbe())).as("readiness: 503 while the service cannot serve")
                .isEqualTo(health.get("ready"));
        for (Probe probe : List.of(api.getLivenessProbe(), api.getReadinessProbe(), api.getStartupProbe())) {
            Optional<ContainerPort> port = K8sManifests.resolve(probe.getHttpGet().getPort(), api.getPorts());
            assertThat(port).as("probe port %s", probe.getHttpGet().getPort()).isPresent();
            assertThat(port.get().getName()).as("probes go to the application port").isEqualTo("http");
        }
    }

    private String path(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).as("an HTTP probe").isNotNull();
        return probe.getHttpGet().getPath();
    }

    @Test
    void shouldGiveStartUpTimeForTheModelAndMigrationsBeforeLivenessApplies() {
        Probe startup = apiContainer().getStartupProbe();
        int window = Optional.ofNullable(startup.getInitialDelaySeconds()).orElse(0)
                + startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertThat(window).as("seconds a pod may take to start (model loading, schema check: 30-60 s)")
                .isGreaterThanOrEqualTo(120);
        Probe liveness = apiContainer().getLivenessProbe();
        assertThat(liveness.getPeriodSeconds() * liveness.getFailureThreshold())
                .as("seconds of silence before a restart").isGreaterThanOrEqualTo(20);
        Probe readiness = apiContainer().getReadinessProbe();
        assertThat(readiness.getTimeoutSeconds()).isLessThan(readiness.getPeriodSeconds());
    }

    @Test
    void shouldLeaveEndpointsBeforeSigtermAndFinishRequestsBeforeSigkill() throws Exception {
        Container api = apiContainer();
        assertThat(api.getCommand()).as("the image's entrypoint execs java, which gets SIGTERM").isNullOrEmpty();
        assertThat(api.getArgs()).isNullOrEmpty();
        List<String> preStop = api.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        int sleep = Integer.parseInt(preStop.get(1));
        assertThat(sleep).as("seconds for endpoints and the ingress controller to drop the pod").isBetween(5, 30);
        DefaultServerFactory server = (DefaultServerFactory) configuration(environment(api)).getServerFactory();
        long jettyGrace = server.getShutdownGracePeriod().toSeconds();
        assertThat(apiPods().getSpec().getTerminationGracePeriodSeconds())
                .as("preStop %d s + Jetty's graceful stop %d s + margin", sleep, jettyGrace)
                .isGreaterThanOrEqualTo(sleep + jettyGrace + 5);
    }

    @Test
    void shouldRollOutOneSurgePodWithoutLosingAReadyOne() {
        var strategy = deployment().getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(strategy.getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
        assertThat(deployment().getSpec().getReplicas()).as("the HorizontalPodAutoscaler owns the count").isNull();
    }

    @Test
    void shouldSpreadThePodsOverNodes() {
        List<TopologySpreadConstraint> constraints = apiPods().getSpec().getTopologySpreadConstraints();
        TopologySpreadConstraint nodes = constraints.stream()
                .filter(constraint -> constraint.getTopologyKey().equals("kubernetes.io/hostname")).findFirst()
                .orElseThrow(() -> new AssertionError("no spread over kubernetes.io/hostname"));
        assertThat(nodes.getMaxSkew()).isEqualTo(1);
        assertThat(nodes.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        for (TopologySpreadConstraint constraint : constraints) {
            assertThat(K8sManifests.selects(constraint.getLabelSelector(), apiPods().getMetadata().getLabels()))
                    .as("spread over %s counts the API's pods", constraint.getTopologyKey()).isTrue();
        }
    }

    @Test
    void shouldAnnounceTheMetricsWhereTheServiceServesThem() {
        Map<String, String> annotations = apiPods().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", MetricsResource.class.getAnnotation(Path.class).value())
                .containsEntry("prometheus.io/port", String.valueOf(containerPort("http").getContainerPort()));
    }
}
