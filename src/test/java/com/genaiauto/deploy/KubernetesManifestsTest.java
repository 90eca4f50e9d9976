package com.genaiauto.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.DeploymentMode;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.auth.service.JwtSecretPolicy;
import com.genaiauto.conversations.resource.ChatResource;
import com.genaiauto.platform.db.DatabaseUrl;
import com.genaiauto.platform.health.HealthResource;
import com.genaiauto.platform.metrics.MetricsResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.lettuce.core.RedisURI;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Subparser;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/}: every document parses strictly into the typed Kubernetes model, and the
 * manifests agree with each other and with the service (its health and metrics paths, the
 * variables config.yml reads, the image the Dockerfile builds, nginx.conf's proxy settings).
 * Nothing here runs on a cluster.
 */
@DisplayName("Kubernetes manifests (deploy/k8s)")
class KubernetesManifestsTest {

    private static final Map<String, String> GENERAL_AVAILABILITY_API = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("ServiceAccount", "v1"), Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"), Map.entry("Service", "v1"), Map.entry("Deployment", "apps/v1"),
            Map.entry("Job", "batch/v1"), Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"), Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"));
    private static final Pattern VERSION_TAG = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|API_KEY|TOKEN).*");
    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    /** PostgreSQL's default max_connections, less its 3 superuser slots and room for the Job and psql. */
    private static final int DATABASE_CONNECTIONS_FOR_PODS = 90;

    private static List<K8sManifests.Document> documents;
    private static Dockerfile dockerfile;

    @BeforeAll
    static void load() throws IOException {
        documents = new ArrayList<>();
        for (java.nio.file.Path file : K8sManifests.manifestFiles()) {
            documents.addAll(K8sManifests.load(file));
        }
        dockerfile = Dockerfile.read();
    }

    // --- what the manifests hold -------------------------------------------------------------

    private static <T extends HasMetadata> List<T> all(Class<T> kind, boolean withExample) {
        return documents.stream()
                .filter(document -> withExample || !document.file().equals(K8sManifests.SECRET_EXAMPLE))
                .map(K8sManifests.Document::resource).filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return all(kind, false);
    }

    private static <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        assertThat(found).as("exactly one %s", kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Deployment deployment() {
        return one(Deployment.class);
    }

    private static Job job() {
        return one(Job.class);
    }

    private static Service service() {
        return one(Service.class);
    }

    private static ConfigMap configMap() {
        return one(ConfigMap.class);
    }

    /** The Secret as secret.example.yaml shows it (the real one is created out of band). */
    private static Secret secretExample() {
        List<Secret> secrets = all(Secret.class, true);
        assertThat(secrets).as("secret.example.yaml holds the one Secret").hasSize(1);
        return secrets.get(0);
    }

    private static Map<String, String> secretValues() {
        Secret secret = secretExample();
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key,
                    new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return values;
    }

    private static PodTemplateSpec apiPods() {
        return deployment().getSpec().getTemplate();
    }

    private static PodTemplateSpec migrationPods() {
        return job().getSpec().getTemplate();
    }

    private static Map<String, PodTemplateSpec> workloads() {
        return Map.of("Deployment " + deployment().getMetadata().getName(), apiPods(),
                "Job " + job().getMetadata().getName(), migrationPods());
    }

    private static Container apiContainer() {
        List<Container> containers = apiPods().getSpec().getContainers();
        assertThat(containers).as("containers of the Deployment").hasSize(1);
        return containers.get(0);
    }

    private static Container migrationContainer() {
        List<Container> containers = migrationPods().getSpec().getContainers();
        assertThat(containers).as("containers of the Job").hasSize(1);
        return containers.get(0);
    }

    private static ContainerPort containerPort(String name) {
        return apiContainer().getPorts().stream().filter(port -> name.equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the API container has no port named " + name));
    }

    private static Optional<String> explicitEnv(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(env -> env.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    /** The environment of a container: ConfigMap, then Secret (envFrom order), then env. */
    private static Map<String, String> environment(Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                assertThat(source.getConfigMapRef().getName()).isEqualTo(configMap().getMetadata().getName());
                environment.putAll(configMap().getData());
            }
            if (source.getSecretRef() != null) {
                assertThat(source.getSecretRef().getName()).isEqualTo(secretExample().getMetadata().getName());
                environment.putAll(secretValues());
            }
        }
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            }
        }
        return environment;
    }

    /** config.yml as a pod with this environment loads it (Dropwizard's own substitution rules). */
    private static GenAiAutoConfiguration configuration(Map<String, String> environment) throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        var factory = new YamlConfigurationFactory<>(GenAiAutoConfiguration.class, Validators.newValidator(), mapper, "dw");
        // The service's substitutor (GenAiAutoApplication), reading this map instead of the process's environment.
        StringSubstitutor substitutor = new EnvironmentVariableSubstitutor(false, true)
                .setVariableResolver(StringLookupFactory.INSTANCE.mapStringLookup(environment));
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor), "config.yml");
    }

    /** The variables config.yml reads (outside comments). */
    private static Set<String> configurationVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(java.nio.file.Path.of("config.yml"))) {
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

    /** Each GET method of a JAX-RS resource class, by method name, with its full path. */
    private static Map<String, String> resourcePaths(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        Map<String, String> paths = new HashMap<>();
        for (Method method : resource.getDeclaredMethods()) {
            if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(jakarta.ws.rs.POST.class)) {
                Path path = method.getAnnotation(Path.class);
                paths.put(method.getName(), path == null ? base : base.replaceAll("/$", "") + path.value());
            }
        }
        return paths;
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }

    private static BigDecimal amount(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    private static double maxRamPercentage(String javaOptions) {
        Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(javaOptions);
        assertThat(matcher.find()).as("JAVA_OPTS sets MaxRAMPercentage: %s", javaOptions).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** JAVA_OPTS as the container's java sees it: its env, else the ConfigMap, else the image's. */
    private static String javaOptions(Container container) {
        return Optional.ofNullable(environment(container).get("JAVA_OPTS")).orElse(dockerfile.javaOptions());
    }

    // --- the tests -------------------------------------------------------------------------------

    @Nested
    @DisplayName("Parsing")
    class Parsing {

        @Test
        void shouldParseEveryDocumentIntoTheTypedModelWithoutAnUnknownField() {
            assertThat(documents).as("documents of deploy/k8s").hasSizeGreaterThanOrEqualTo(12);
            for (K8sManifests.Document document : documents) {
                assertThat(K8sManifests.unknownFields(document.resource()))
                        .as("fields of %s that Kubernetes does not know", document.where()).isEmpty();
            }
        }

        @Test
        void shouldRejectAMisspelledFieldAValueOfTheWrongTypeAndAnUnknownKind() throws IOException {
            String misspelled = """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: x}
                    spec:
                      selector: {matchLabels: {a: b}}
                      template:
                        metadata: {labels: {a: b}}
                        spec:
                          containers:
                            - name: c
                              image: i:1.0.0
                              livenesProbe: {httpGet: {path: /health/live, port: 8080}}
                    """;
            assertThat(K8sManifests.unknownFields(K8sManifests.parse(misspelled)))
                    .containsExactly("spec.template.spec.containers[0].livenesProbe");
            assertThatThrownBy(() -> K8sManifests.parse("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: x}
                    spec: {ports: [{port: {number: 80}}]}
                    """)).isNotNull();
            assertThatThrownBy(() -> K8sManifests.parse("""
                    apiVersion: autoscaling/v3
                    kind: HorizontalPodAutoscaler
                    metadata: {name: x}
                    """)).hasMessageContaining("not a resource of the Kubernetes API");
            assertThatThrownBy(() -> K8sManifests.parse("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: x}
                    data: {A: "1"}
                    data: {B: "2"}
                    """)).hasMessageContaining("Duplicate field 'data'");
        }

        @Test
        void shouldUseTheGenerallyAvailableApiOfEachKind() {
            for (K8sManifests.Document document : documents) {
                assertThat(document.resource().getApiVersion()).as(document.where())
                        .isEqualTo(GENERAL_AVAILABILITY_API.get(document.resource().getKind()));
            }
        }

        @Test
        void shouldNameAndLabelEveryResourceAndLeaveTheNamespaceToKustomize() {
            Set<String> names = new TreeSet<>();
            for (K8sManifests.Document document : documents) {
                var metadata = document.resource().getMetadata();
                assertThat(metadata.getName()).as(document.where()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
                assertThat(metadata.getLabels()).as("labels of %s", document.where())
                        .containsEntry("app.kubernetes.io/part-of", "genai-auto");
                assertThat(metadata.getNamespace()).as("namespace of %s", document.where()).isNull();
                assertThat(names.add(document.resource().getKind() + "/" + metadata.getName()))
                        .as("%s is defined once", document.where()).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("kustomization.yaml")
    class Kustomize {

        record Image(String name, String newName, String newTag, String digest) {
        }

        record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
                             List<Image> images) {
        }

        private Kustomization kustomization() throws IOException {
            return K8sManifests.STRICT_YAML.readValue(
                    K8sManifests.DIR.resolve(K8sManifests.KUSTOMIZATION).toFile(), Kustomization.class);
        }

        @Test
        void shouldListExactlyTheManifestFilesButTheExampleSecret() throws IOException {
            Kustomization kustomization = kustomization();
            assertThat(kustomization.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
            assertThat(kustomization.kind()).isEqualTo("Kustomization");
            List<String> files = K8sManifests.manifestFiles().stream()
                    .map(file -> file.getFileName().toString())
                    .filter(file -> !file.equals(K8sManifests.SECRET_EXAMPLE)).toList();
            assertThat(kustomization.resources()).doesNotHaveDuplicates()
                    .doesNotContain(K8sManifests.SECRET_EXAMPLE)
                    .containsExactlyInAnyOrderElementsOf(files);
        }

        @Test
        void shouldPlaceEverythingInTheNamespaceItDefines() throws IOException {
            Namespace namespace = one(Namespace.class);
            assertThat(kustomization().namespace()).isEqualTo(namespace.getMetadata().getName());
            assertThat(namespace.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        }

        @Test
        void shouldPinTheImageItRewritesToAVersion() throws IOException {
            String imageName = apiContainer().getImage().split(":")[0];
            List<Image> images = kustomization().images();
            assertThat(images).extracting(Image::name).containsExactly(imageName);
            Image image = images.get(0);
            assertThat(image.newTag() != null || image.digest() != null).as("a tag or a digest").isTrue();
            if (image.newTag() != null) {
                assertThat(image.newTag()).matches(VERSION_TAG);
            }
        }
    }

    @Nested
    @DisplayName("Pods (the API's Deployment and the migration Job)")
    class Pods {

        @Test
        void shouldPinTheImageToAVersionAndRunTheSameOneInBoth() {
            String image = apiContainer().getImage();
            Matcher tag = Pattern.compile("^([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$").matcher(image);
            assertThat(tag.matches()).as(image).isTrue();
            assertThat(tag.group(1)).endsWith("genai-auto");
            assertThat(tag.group(2) == null ? tag.group(3) : tag.group(2)).as("tag of %s", image).isNotNull()
                    .isNotEqualTo("latest");
            if (tag.group(2) != null) {
                assertThat(tag.group(2)).matches(VERSION_TAG);
            }
            assertThat(migrationContainer().getImage()).isEqualTo(image);
        }

        @Test
        void shouldRequestAndLimitCpuAndMemory() {
            for (var workload : workloads().entrySet()) {
                for (Container container : workload.getValue().getSpec().getContainers()) {
                    var resources = container.getResources();
                    String where = workload.getKey() + " " + container.getName();
                    assertThat(resources.getRequests()).as("requests of %s", where).containsKeys("cpu", "memory");
                    assertThat(resources.getLimits()).as("limits of %s", where).containsKeys("cpu", "memory");
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(amount(resources.getRequests().get(resource)))
                                .as("%s request of %s", resource, where).isPositive()
                                .isLessThanOrEqualTo(amount(resources.getLimits().get(resource)));
                    }
                    assertThat(resources.getRequests().get("memory")).as("memory of %s is not overcommitted", where)
                            .isEqualTo(resources.getLimits().get("memory"));
                }
            }
        }

        @Test
        void shouldFitTheHeapAndWhatTheJvmNeedsBesideItInTheMemoryLimit() {
            long limit = bytes(apiContainer().getResources().getLimits().get("memory"));
            double percentage = maxRamPercentage(javaOptions(apiContainer()));
            long heap = (long) (limit * percentage / 100);
            assertThat(percentage).as("MaxRAMPercentage").isBetween(50.0, 80.0);
            assertThat(heap).as("heap of an API pod").isGreaterThanOrEqualTo(768L << 20);
            assertThat(limit - heap).as("memory beside the heap (embedding runtime, metaspace, threads)")
                    .isGreaterThanOrEqualTo(384L << 20);
            long jobLimit = bytes(migrationContainer().getResources().getLimits().get("memory"));
            double jobPercentage = maxRamPercentage(javaOptions(migrationContainer()));
            assertThat((long) (jobLimit * jobPercentage / 100)).as("heap of the migration Job")
                    .isGreaterThanOrEqualTo(256L << 20);
        }

        @Test
        void shouldRunAsTheImageUserWithoutPrivilegesOnAReadOnlyRoot() {
            for (var workload : workloads().entrySet()) {
                PodSpec pod = workload.getValue().getSpec();
                String where = workload.getKey();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(where).isEqualTo(dockerfile.uid());
                assertThat(pod.getSecurityContext().getRunAsGroup()).as(where).isEqualTo(dockerfile.uid());
                assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(where).isEqualTo("RuntimeDefault");
                assertThat(pod.getAutomountServiceAccountToken()).as(where).isFalse();
                for (Container container : pod.getContainers()) {
                    var security = container.getSecurityContext();
                    assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
                    assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
                    assertThat(security.getPrivileged()).as(where).isNotEqualTo(Boolean.TRUE);
                    assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                    assertThat(security.getCapabilities().getAdd()).as(where).isNullOrEmpty();
                    // The JVM's temporary directory is the one writable place, an emptyDir.
                    assertThat(javaOptions(container)).as(where).contains("-Djava.io.tmpdir=/tmp");
                    VolumeMount tmp = container.getVolumeMounts().stream()
                            .filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
                            .orElseThrow(() -> new AssertionError(where + " mounts nothing at /tmp"));
                    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                            .orElseThrow(() -> new AssertionError(where + " has no volume " + tmp.getName()));
                    assertThat(volume.getEmptyDir()).as("%s: /tmp is an emptyDir", where).isNotNull();
                    assertThat(volume.getEmptyDir().getSizeLimit()).as("%s: size limit of /tmp", where).isNotNull();
                }
            }
        }

        @Test
        void shouldReferOnlyToConfigMapsSecretsAndServiceAccountsThatExist() {
            Set<String> configMaps = names(all(ConfigMap.class));
            Set<String> secrets = names(all(Secret.class, true));
            Set<String> serviceAccounts = names(all(ServiceAccount.class));
            Map<String, Map<String, String>> configMapData = all(ConfigMap.class).stream()
                    .collect(Collectors.toMap(map -> map.getMetadata().getName(), ConfigMap::getData));
            for (var workload : workloads().entrySet()) {
                PodSpec pod = workload.getValue().getSpec();
                String where = workload.getKey();
                assertThat(serviceAccounts).as(where).contains(pod.getServiceAccountName());
                for (Container container : pod.getContainers()) {
                    assertThat(container.getEnvFrom()).as("%s reads its settings from envFrom", where).hasSize(2);
                    for (EnvFromSource source : container.getEnvFrom()) {
                        if (source.getConfigMapRef() != null) {
                            assertThat(configMaps).as(where).contains(source.getConfigMapRef().getName());
                        } else {
                            assertThat(source.getSecretRef()).as(where).isNotNull();
                            assertThat(secrets).as(where).contains(source.getSecretRef().getName());
                        }
                    }
                    for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                        if (env.getValueFrom() == null) {
                            continue;
                        }
                        var configMapKey = env.getValueFrom().getConfigMapKeyRef();
                        var secretKey = env.getValueFrom().getSecretKeyRef();
                        if (configMapKey != null) {
                            assertThat(configMapData.get(configMapKey.getName())).as(where).containsKey(configMapKey.getKey());
                        }
                        if (secretKey != null) {
                            assertThat(secretExample().getMetadata().getName()).isEqualTo(secretKey.getName());
                            assertThat(secretValues()).as(where).containsKey(secretKey.getKey());
                        }
                    }
                }
                for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                    if (volume.getConfigMap() != null) {
                        assertThat(configMaps).as(where).contains(volume.getConfigMap().getName());
                    }
                    if (volume.getSecret() != null) {
                        assertThat(secrets).as(where).contains(volume.getSecret().getSecretName());
                    }
                }
            }
            assertThat(one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        }

        @Test
        void shouldLabelTheApiAndTheJobPodsApart() {
            Map<String, String> api = apiPods().getMetadata().getLabels();
            Map<String, String> migration = migrationPods().getMetadata().getLabels();
            assertThat(K8sManifests.selects(deployment().getSpec().getSelector(), api)).isTrue();
            assertThat(K8sManifests.selects(deployment().getSpec().getSelector(), migration))
                    .as("the Deployment's selector must not claim the Job's pods").isFalse();
        }
    }

    @Nested
    @DisplayName("The API's Deployment")
    class ApiDeployment {

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
            assertThat(dockerfile.exposedPorts()).contains(application.getPort(), admin.getPort());
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

    @Nested
    @DisplayName("The migration Job")
    class MigrationJob {

        @Test
        void shouldRunTheServicesDbMigrateCommandLikeTheImageRunsTheServer() throws Exception {
            List<String> command = migrationContainer().getCommand();
            assertThat(command).hasSize(3).startsWith("sh", "-c");
            List<String> entrypoint = dockerfile.entrypoint();
            assertThat(entrypoint).hasSize(3).startsWith("sh", "-c");
            String jar = dockerfile.jar();
            String script = command.get(2);
            String serverScript = entrypoint.get(2);
            assertThat(serverScript).contains(jar);
            assertThat(script).as("the same java invocation as the image's entrypoint")
                    .startsWith(serverScript.substring(0, serverScript.indexOf(jar) + jar.length()) + " ");
            String[] arguments = script.substring(script.indexOf(jar) + jar.length()).trim().split("\\s+");
            assertThat(arguments).containsExactly("db", "migrate", dockerfile.configFile());

            // The arguments parse with the service's own command, as the jar's CLI would.
            GenAiAutoApplication application = new GenAiAutoApplication();
            Bootstrap<GenAiAutoConfiguration> bootstrap = new Bootstrap<>(application);
            application.initialize(bootstrap);
            Command db = bootstrap.getCommands().stream().filter(c -> c.getName().equals(arguments[0])).findFirst()
                    .orElseThrow(() -> new AssertionError("the service has no command " + arguments[0]));
            ArgumentParser parser = ArgumentParsers.newFor("genai-auto").build();
            Subparser subparser = parser.addSubparsers().addParser(db.getName());
            db.configure(subparser);
            var parsed = parser.parseArgs(arguments);
            assertThat(parsed.getString("action")).isEqualTo("migrate");
            assertThat(parsed.getString("file")).isEqualTo(dockerfile.configFile());
        }

        @Test
        void shouldReadTheSameSettingsAsThePodsAndMigrateOnce() {
            assertThat(migrationContainer().getEnvFrom()).isEqualTo(apiContainer().getEnvFrom());
            assertThat(explicitEnv(migrationContainer(), "MIGRATE_ON_START")).contains("true");
            var spec = job().getSpec();
            assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isIn("Never", "OnFailure");
            assertThat(spec.getBackoffLimit()).isBetween(0, 5);
            assertThat(spec.getActiveDeadlineSeconds()).as("a hung migration ends").isPositive();
        }
    }

    @Nested
    @DisplayName("Settings and secrets")
    class Settings {

        @Test
        void shouldSetOnlyVariablesTheServiceReads() throws IOException {
            Set<String> read = new TreeSet<>(configurationVariables());
            read.addAll(dockerfile.entrypointVariables());
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

    @Nested
    @DisplayName("Service, Ingress and nginx.conf")
    class Routing {

        record Route(Ingress ingress, HTTPIngressPath path) {
            String annotation(String name) {
                return Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of()).get(NGINX + name);
            }
        }

        /** The Ingress path the controller picks for a request path: Exact first, then the longest Prefix. */
        private Route route(String requestPath) {
            List<Route> routes = new ArrayList<>();
            for (Ingress ingress : all(Ingress.class)) {
                for (IngressRule rule : ingress.getSpec().getRules()) {
                    rule.getHttp().getPaths().forEach(path -> routes.add(new Route(ingress, path)));
                }
            }
            return routes.stream().filter(route -> route.path().getPathType().equals("Exact")
                            && route.path().getPath().equals(requestPath)).findFirst()
                    .or(() -> routes.stream().filter(route -> route.path().getPathType().equals("Prefix"))
                            .filter(route -> prefixMatches(route.path().getPath(), requestPath))
                            .max(Comparator.comparingInt(route -> route.path().getPath().length())))
                    .orElseThrow(() -> new AssertionError("no Ingress routes " + requestPath));
        }

        private boolean prefixMatches(String prefix, String requestPath) {
            String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return trimmed.isEmpty() || requestPath.equals(trimmed) || requestPath.startsWith(trimmed + "/");
        }

        @Test
        void shouldSelectTheApiPodsAndTargetTheirApplicationPort() {
            Service service = service();
            assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(K8sManifests.selects(service.getSpec().getSelector(), apiPods().getMetadata().getLabels()))
                    .as("the Service selects the Deployment's pods").isTrue();
            assertThat(K8sManifests.selects(service.getSpec().getSelector(), migrationPods().getMetadata().getLabels()))
                    .as("the Service must not send traffic to the migration Job").isFalse();
            for (ServicePort port : service.getSpec().getPorts()) {
                Optional<ContainerPort> target = K8sManifests.resolve(port.getTargetPort(), apiContainer().getPorts());
                assertThat(target).as("target of Service port %s", port.getName()).isPresent();
                assertThat(target.get().getName()).as("the admin port is not a Service's").isEqualTo("http");
            }
        }

        @Test
        void shouldSendEveryIngressPathToTheServiceOverTls() {
            Service service = service();
            for (Ingress ingress : all(Ingress.class)) {
                String where = "Ingress " + ingress.getMetadata().getName();
                assertThat(ingress.getSpec().getIngressClassName()).as(where).isEqualTo("nginx");
                Set<String> hosts = new TreeSet<>();
                for (IngressRule rule : ingress.getSpec().getRules()) {
                    hosts.add(rule.getHost());
                    for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                        IngressServiceBackend backend = path.getBackend().getService();
                        assertThat(backend.getName()).as(where).isEqualTo(service.getMetadata().getName());
                        var port = backend.getPort();
                        assertThat(service.getSpec().getPorts()).as("%s %s port", where, path.getPath())
                                .anyMatch(p -> Objects.equals(p.getName(), port.getName()) && port.getName() != null
                                        || Objects.equals(p.getPort(), port.getNumber()));
                    }
                }
                List<IngressTLS> tls = ingress.getSpec().getTls();
                assertThat(tls).as(where).isNotEmpty();
                assertThat(tls.stream().flatMap(entry -> entry.getHosts().stream()).toList()).as(where).containsAll(hosts);
                assertThat(tls).allSatisfy(entry -> assertThat(entry.getSecretName()).as(where).isNotBlank());
            }
        }

        @Test
        void shouldLimitRequestBodiesLikeNginxConf() throws IOException {
            String size = NginxConf.read().clientMaxBodySize();
            for (Ingress ingress : all(Ingress.class)) {
                assertThat(ingress.getMetadata().getAnnotations()).as("Ingress %s", ingress.getMetadata().getName())
                        .containsEntry(NGINX + "proxy-body-size", size);
            }
        }

        @Test
        void shouldMirrorEveryLocationOfNginxConf() throws IOException {
            NginxConf nginx = NginxConf.read();
            assertThat(nginx.locations()).hasSizeGreaterThanOrEqualTo(5);
            for (NginxConf.Location location : nginx.locations()) {
                Route route = route(location.path());
                String where = "nginx.conf location " + location.path() + " -> Ingress "
                        + route.ingress().getMetadata().getName();
                assertThat(route.path().getPath()).as(where).isEqualTo(location.path());
                assertThat(route.path().getPathType()).as(where).isEqualTo(location.exact() ? "Exact" : "Prefix");
                location.directive("proxy_read_timeout").ifPresent(timeout ->
                        assertThat(route.annotation("proxy-read-timeout")).as(where).isEqualTo(seconds(timeout)));
                location.directive("proxy_send_timeout").ifPresent(timeout ->
                        assertThat(route.annotation("proxy-send-timeout")).as(where).isEqualTo(seconds(timeout)));
                assertThat(Objects.equals(route.annotation("proxy-buffering"), "off")).as("%s: buffering off", where)
                        .isEqualTo(location.directive("proxy_buffering").filter("off"::equals).isPresent());
                Optional<String> zone = location.directive("limit_req").map(value -> value.replaceAll(".*zone=(\\w+).*", "$1"));
                if (zone.isPresent()) {
                    NginxConf.Rate rate = nginx.rates().get(zone.get());
                    assertThat(route.annotation(rate.perMinute() ? "limit-rpm" : "limit-rps")).as(where)
                            .isEqualTo(String.valueOf(rate.amount()));
                } else {
                    assertThat(route.annotation("limit-rps")).as(where).isNull();
                    assertThat(route.annotation("limit-rpm")).as(where).isNull();
                }
                List<String> allowed = location.all("allow");
                if (!allowed.isEmpty()) {
                    String ranges = route.annotation("whitelist-source-range");
                    assertThat(ranges).as("%s admits private networks only", where).isNotBlank();
                    assertThat(ranges.split(",")).as(where).isSubsetOf(allowed);
                } else {
                    assertThat(route.annotation("whitelist-source-range")).as(where).isNull();
                }
            }
        }

        @Test
        void shouldKeepTheChatSocketOpenForAnHourAndStreamAnswersUnbuffered() throws IOException {
            String module = Files.readString(java.nio.file.Path.of(
                    "src/main/java/com/genaiauto/conversations/ConversationsModule.java"));
            Matcher mapping = Pattern.compile("addServlet\\(\"chat-socket\"[\\s\\S]*?addMapping\\(\"(/[^\"*]*)\\*\"\\)")
                    .matcher(module);
            assertThat(mapping.find()).as("the chat socket's servlet mapping").isTrue();
            Route socket = route(mapping.group(1) + "a-session-id");
            assertThat(Integer.parseInt(socket.annotation("proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
            assertThat(Integer.parseInt(socket.annotation("proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);

            Route stream = route(resourcePaths(ChatResource.class).values().stream()
                    .filter(path -> path.endsWith("/stream")).findFirst().orElseThrow());
            assertThat(stream.annotation("proxy-buffering")).isEqualTo("off");
            Route metrics = route(MetricsResource.class.getAnnotation(Path.class).value());
            assertThat(metrics.annotation("whitelist-source-range")).doesNotContain("0.0.0.0/0");
        }
    }

    @Nested
    @DisplayName("Availability (PodDisruptionBudget, HorizontalPodAutoscaler)")
    class Availability {

        @Test
        void shouldBudgetDisruptionsOfTheApiPodsOnly() {
            PodDisruptionBudget budget = one(PodDisruptionBudget.class);
            assertThat(K8sManifests.selects(budget.getSpec().getSelector(), apiPods().getMetadata().getLabels())).isTrue();
            assertThat(K8sManifests.selects(budget.getSpec().getSelector(), migrationPods().getMetadata().getLabels()))
                    .isFalse();
            int minReplicas = one(HorizontalPodAutoscaler.class).getSpec().getMinReplicas();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            assertThat(maxUnavailable == null ^ minAvailable == null).as("one of maxUnavailable, minAvailable").isTrue();
            if (maxUnavailable != null) {
                assertThat(maxUnavailable.getIntVal()).isEqualTo(1);
            } else {
                assertThat(minAvailable.getIntVal()).as("a drain can still evict a pod").isBetween(1, minReplicas - 1);
            }
        }

        @Test
        void shouldScaleTheDeploymentOnCpuFromTwoPods() {
            HorizontalPodAutoscaler autoscaler = one(HorizontalPodAutoscaler.class);
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertThat(target.getApiVersion()).isEqualTo(deployment().getApiVersion());
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getName()).isEqualTo(deployment().getMetadata().getName());
            assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(autoscaler.getSpec().getMinReplicas());
            List<MetricSpec> metrics = autoscaler.getSpec().getMetrics();
            assertThat(metrics).anySatisfy(metric -> {
                assertThat(metric.getType()).isEqualTo("Resource");
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(40, 90);
            });
            assertThat(apiContainer().getResources().getRequests()).as("utilisation is of the CPU request")
                    .containsKey("cpu");
        }

        @Test
        void shouldKeepEveryPodsConnectionPoolWithinPostgresConnections() throws Exception {
            int pool = configuration(environment(apiContainer())).getDatabase().getMaxSize();
            int pods = one(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()
                    + deployment().getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
            assertThat(pods * pool).as("%d pods x DB_POOL_MAX %d", pods, pool)
                    .isLessThanOrEqualTo(DATABASE_CONNECTIONS_FOR_PODS);
        }
    }

    @Nested
    @DisplayName("NetworkPolicy")
    class Network {

        private NetworkPolicy policyFor(PodTemplateSpec pods) {
            List<NetworkPolicy> policies = all(NetworkPolicy.class).stream()
                    .filter(policy -> K8sManifests.selects(policy.getSpec().getPodSelector(), pods.getMetadata().getLabels()))
                    .toList();
            assertThat(policies).as("policies selecting %s", pods.getMetadata().getLabels()).hasSize(1);
            NetworkPolicy policy = policies.get(0);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            return policy;
        }

        private Set<Integer> egressPorts(NetworkPolicy policy, String protocol) {
            Set<Integer> ports = new TreeSet<>();
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                for (NetworkPolicyPort port : rule.getPorts()) {
                    if (protocol.equals(Optional.ofNullable(port.getProtocol()).orElse("TCP"))) {
                        ports.add(port.getPort().getIntVal());
                    }
                }
            }
            return ports;
        }

        @Test
        void shouldAdmitOnlyTheIngressControllerAndMonitoringToTheApplicationPort() {
            NetworkPolicy policy = policyFor(apiPods());
            Set<String> namespaces = new TreeSet<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertThat(rule.getFrom()).as("an open ingress rule").isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).containsKey("kubernetes.io/metadata.name");
                    namespaces.add(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                }
                assertThat(rule.getPorts()).as("an ingress rule without ports opens every port").isNotEmpty();
                for (NetworkPolicyPort port : rule.getPorts()) {
                    Optional<ContainerPort> target = K8sManifests.resolve(port.getPort(), apiContainer().getPorts());
                    assertThat(target).as("port %s", port.getPort()).isPresent();
                    assertThat(target.get().getName()).as("metrics and traffic share the application port")
                            .isEqualTo("http");
                }
            }
            assertThat(namespaces).containsExactlyInAnyOrder("ingress-nginx", "monitoring");
        }

        @Test
        void shouldLetTheApiReachDnsPostgresRedisAndHttpsProviders() {
            NetworkPolicy policy = policyFor(apiPods());
            Set<Integer> tcp = egressPorts(policy, "TCP");
            assertThat(egressPorts(policy, "UDP")).contains(53);
            assertThat(tcp).contains(53, 443, databasePort());
            RedisURI redis = RedisURI.create(secretValues().get("REDIS_URL"));
            redis.getSentinels().forEach(sentinel -> assertThat(tcp).as("Sentinel %s", sentinel).contains(sentinel.getPort()));
            assertThat(tcp).as("the Redis master that Sentinel names").contains(RedisURI.DEFAULT_REDIS_PORT);
        }

        @Test
        void shouldLetTheJobReachOnlyDnsAndPostgres() {
            NetworkPolicy policy = policyFor(migrationPods());
            assertThat(policy.getSpec().getIngress()).as("nothing calls the Job").isEmpty();
            assertThat(egressPorts(policy, "TCP")).containsExactlyInAnyOrder(53, databasePort());
            assertThat(egressPorts(policy, "UDP")).containsExactly(53);
        }

        private int databasePort() {
            String jdbc = DatabaseUrl.parse(configMap().getData().get("DATABASE_URL")).jdbcUrl();
            Matcher port = Pattern.compile("^jdbc:postgresql://[^/:]+(?::(\\d+))?/").matcher(jdbc);
            assertThat(port.find()).as(jdbc).isTrue();
            return port.group(1) == null ? 5432 : Integer.parseInt(port.group(1));
        }
    }

    private static Set<String> names(List<? extends HasMetadata> resources) {
        return resources.stream().map(resource -> resource.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static String seconds(String nginxDuration) {
        Matcher matcher = Pattern.compile("^(\\d+)s?$").matcher(nginxDuration);
        assertThat(matcher.matches()).as("an nginx duration in seconds: %s", nginxDuration).isTrue();
        return matcher.group(1);
    }

    /** What the Dockerfile's runtime stage says about the image. */
    record Dockerfile(String text) {

        static Dockerfile read() throws IOException {
            return new Dockerfile(Files.readString(java.nio.file.Path.of("Dockerfile")));
        }

        private String group(String regex) {
            Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
            assertThat(matcher.find()).as("Dockerfile matches %s", regex).isTrue();
            return matcher.group(1);
        }

        long uid() {
            return Long.parseLong(group("^ARG APP_UID=(\\d+)"));
        }

        String javaOptions() {
            return group("JAVA_OPTS=\"([^\"]*)\"");
        }

        List<String> entrypoint() throws IOException {
            return Arrays.asList(new ObjectMapper().readValue(group("^ENTRYPOINT (\\[.*\\])$"), String[].class));
        }

        Set<String> entrypointVariables() throws IOException {
            Set<String> names = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)").matcher(String.join(" ", entrypoint()));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        String jar() {
            return group("^COPY --from=build (?:--chown=\\S+ )?\\S+ (\\S+\\.jar)$");
        }

        String configFile() {
            return group("^COPY config\\.yml (\\S+)$");
        }

        Set<Integer> exposedPorts() {
            return Stream.of(group("^EXPOSE (.+)$").trim().split("\\s+")).map(Integer::valueOf)
                    .collect(Collectors.toSet());
        }
    }

    /** The locations of nginx.conf's HTTPS server and the directives each sets. */
    record NginxConf(String text, List<Location> locations) {

        record Location(String path, boolean exact, String body) {
            Optional<String> directive(String name) {
                List<String> values = all(name);
                return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
            }

            List<String> all(String name) {
                List<String> values = new ArrayList<>();
                Matcher matcher = Pattern.compile("(?m)^\\s*" + name + "\\s+([^;]+);").matcher(body);
                while (matcher.find()) {
                    values.add(matcher.group(1).trim());
                }
                return values;
            }
        }

        record Rate(int amount, boolean perMinute) {
        }

        static NginxConf read() throws IOException {
            String text = Files.readString(java.nio.file.Path.of("nginx", "nginx.conf"));
            String https = text.substring(text.indexOf("listen 443"));
            List<Location> locations = new ArrayList<>();
            Matcher start = Pattern.compile("(?m)^\\s*location\\s+(=\\s+)?(\\S+)\\s*\\{").matcher(https);
            List<int[]> bounds = new ArrayList<>();
            List<String[]> heads = new ArrayList<>();
            while (start.find()) {
                bounds.add(new int[] {start.start(), start.end()});
                heads.add(new String[] {start.group(1), start.group(2)});
            }
            for (int i = 0; i < bounds.size(); i++) {
                int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : https.length();
                String body = https.substring(bounds.get(i)[1], end);
                if (!body.contains("internal;")) {
                    locations.add(new Location(heads.get(i)[1], heads.get(i)[0] != null, body));
                }
            }
            return new NginxConf(text, locations);
        }

        String clientMaxBodySize() {
            Matcher matcher = Pattern.compile("(?m)^\\s*client_max_body_size\\s+(\\S+);").matcher(text);
            assertThat(matcher.find()).as("nginx.conf sets client_max_body_size").isTrue();
            return matcher.group(1);
        }

        Map<String, Rate> rates() {
            Map<String, Rate> rates = new HashMap<>();
            Matcher matcher = Pattern.compile("limit_req_zone\\s+\\S+\\s+zone=(\\w+):\\S+\\s+rate=(\\d+)r/([sm]);")
                    .matcher(text);
            while (matcher.find()) {
                rates.put(matcher.group(1), new Rate(Integer.parseInt(matcher.group(2)), matcher.group(3).equals("m")));
            }
            return rates;
        }
    }
}
