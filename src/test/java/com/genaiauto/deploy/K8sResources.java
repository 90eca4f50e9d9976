package com.genaiauto.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code deploy/k8s/} holds, looked up by kind and by role: the documents of every manifest
 * file (parsed once by {@link K8sManifests}), the API's Deployment and its container, the migration
 * Job, the ConfigMap and the example Secret, and the environment a container gets from them.
 * Each lookup of "the one X" asserts there is exactly one.
 */
final class K8sResources {

    /** A release version as an image tag: 1.2.3, 1.2.3-rc.1. */
    static final Pattern VERSION_TAG = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?");

    private static List<K8sManifests.Document> documents;

    private K8sResources() {
    }

    /** Every YAML document of the manifest files, read on first use. */
    static synchronized List<K8sManifests.Document> documents() {
        if (documents == null) {
            List<K8sManifests.Document> loaded = new ArrayList<>();
            for (Path file : K8sManifests.manifestFiles()) {
                loaded.addAll(K8sManifests.load(file));
            }
            documents = List.copyOf(loaded);
        }
        return documents;
    }

    static <T extends HasMetadata> List<T> all(Class<T> kind, boolean withExample) {
        return documents().stream()
                .filter(document -> withExample || !document.file().equals(K8sManifests.SECRET_EXAMPLE))
                .map(K8sManifests.Document::resource).filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return all(kind, false);
    }

    static <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        assertThat(found).as("exactly one %s", kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static Deployment deployment() {
        return one(Deployment.class);
    }

    static Job job() {
        return one(Job.class);
    }

    static Service service() {
        return one(Service.class);
    }

    static ConfigMap configMap() {
        return one(ConfigMap.class);
    }

    /** The Secret as secret.example.yaml shows it (the real one is created out of band). */
    static Secret secretExample() {
        List<Secret> secrets = all(Secret.class, true);
        assertThat(secrets).as("secret.example.yaml holds the one Secret").hasSize(1);
        return secrets.get(0);
    }

    static Map<String, String> secretValues() {
        Secret secret = secretExample();
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        return values;
    }

    static PodTemplateSpec apiPods() {
        return deployment().getSpec().getTemplate();
    }

    static PodTemplateSpec migrationPods() {
        return job().getSpec().getTemplate();
    }

    /** The pod templates, by "Kind name" of the workload that owns them. */
    static Map<String, PodTemplateSpec> workloads() {
        return Map.of("Deployment " + deployment().getMetadata().getName(), apiPods(),
                "Job " + job().getMetadata().getName(), migrationPods());
    }

    static Container apiContainer() {
        List<Container> containers = apiPods().getSpec().getContainers();
        assertThat(containers).as("containers of the Deployment").hasSize(1);
        return containers.get(0);
    }

    static Container migrationContainer() {
        List<Container> containers = migrationPods().getSpec().getContainers();
        assertThat(containers).as("containers of the Job").hasSize(1);
        return containers.get(0);
    }

    static ContainerPort containerPort(String name) {
        return apiContainer().getPorts().stream().filter(port -> name.equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the API container has no port named " + name));
    }

    static Optional<String> explicitEnv(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(env -> env.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    /** The environment of a container: ConfigMap, then Secret (envFrom order), then env. */
    static Map<String, String> environment(Container container) {
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
}
