package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.VERSION_TAG;
import static com.genaiauto.deploy.K8sResources.all;
import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.apiPods;
import static com.genaiauto.deploy.K8sResources.deployment;
import static com.genaiauto.deploy.K8sResources.environment;
import static com.genaiauto.deploy.K8sResources.migrationContainer;
import static com.genaiauto.deploy.K8sResources.migrationPods;
import static com.genaiauto.deploy.K8sResources.one;
import static com.genaiauto.deploy.K8sResources.secretExample;
import static com.genaiauto.deploy.K8sResources.secretValues;
import static com.genaiauto.deploy.K8sResources.workloads;
import static com.genaiauto.deploy.ServiceFacts.dockerfile;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pods of {@code deploy/k8s/}, the API's Deployment and the migration Job alike: one pinned
 * image, requested and limited resources that fit the JVM, the restricted pod security the
 * namespace enforces (the image's user, no privileges, a read-only root), references only to
 * what the manifests define, and labels that keep the two apart.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): pods of the API's Deployment and the migration Job")
class PodsTest {

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
            assertThat(pod.getSecurityContext().getRunAsUser()).as(where).isEqualTo(dockerfile().uid());
            assertThat(pod.getSecurityContext().getRunAsGroup()).as(where).isEqualTo(dockerfile().uid());
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
        return Optional.ofNullable(environment(container).get("JAVA_OPTS")).orElse(dockerfile().javaOptions());
    }

    private static Set<String> names(List<? extends HasMetadata> resources) {
        return resources.stream().map(resource -> resource.getMetadata().getName()).collect(Collectors.toSet());
    }
}
