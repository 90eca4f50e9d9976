package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.VERSION_TAG;
import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.documents;
import static com.genaiauto.deploy.K8sResources.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/}: every document parses strictly into the typed Kubernetes model (a
 * misspelled field, a value of the wrong type, an unknown kind or a duplicate key fails), and
 * kustomization.yaml lists exactly the manifest files. Nothing here runs on a cluster.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): parsing and kustomization.yaml")
class ManifestParsingTest {

    private static final Map<String, String> GENERAL_AVAILABILITY_API = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("ServiceAccount", "v1"), Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"), Map.entry("Service", "v1"), Map.entry("Deployment", "apps/v1"),
            Map.entry("Job", "batch/v1"), Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"), Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"));

    record Image(String name, String newName, String newTag, String digest) {
    }

    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
                         List<Image> images) {
    }

    private static Kustomization kustomization() throws IOException {
        return K8sManifests.STRICT_YAML.readValue(
                K8sManifests.DIR.resolve(K8sManifests.KUSTOMIZATION).toFile(), Kustomization.class);
    }

    @Test
    void shouldParseEveryDocumentIntoTheTypedModelWithoutAnUnknownField() {
        assertThat(documents()).as("documents of deploy/k8s").hasSizeGreaterThanOrEqualTo(12);
        for (K8sManifests.Document document : documents()) {
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
        for (K8sManifests.Document document : documents()) {
            assertThat(document.resource().getApiVersion()).as(document.where())
                    .isEqualTo(GENERAL_AVAILABILITY_API.get(document.resource().getKind()));
        }
    }

    @Test
    void shouldNameAndLabelEveryResourceAndLeaveTheNamespaceToKustomize() {
        Set<String> names = new TreeSet<>();
        for (K8sManifests.Document document : documents()) {
            var metadata = document.resource().getMetadata();
            assertThat(metadata.getName()).as(document.where()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(metadata.getLabels()).as("labels of %s", document.where())
                    .containsEntry("app.kubernetes.io/part-of", "genai-auto");
            assertThat(metadata.getNamespace()).as("namespace of %s", document.where()).isNull();
            assertThat(names.add(document.resource().getKind() + "/" + metadata.getName()))
                    .as("%s is defined once", document.where()).isTrue();
        }
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
