package com.genaiauto.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of {@code deploy/k8s/}, each YAML document parsed into fabric8's typed Kubernetes
 * model. fabric8 keeps a field it does not know in the object's {@code additionalProperties}
 * instead of failing, so {@link #unknownFields} walks the parsed object for any such field:
 * together they make the parsing strict.
 */
final class K8sManifests {

    static final Path DIR = Path.of("deploy", "k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String SECRET_EXAMPLE = "secret.example.yaml";

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** Duplicate keys fail: the last one would silently win in a cluster. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final KubernetesSerialization SERIALIZATION = strictSerialization();

    private K8sManifests() {
    }

    /** One YAML document of a manifest file, as the typed resource. */
    record Document(String file, int index, HasMetadata resource) {
        String where() {
            return file + " #" + index + " (" + resource.getKind() + " " + resource.getMetadata().getName() + ")";
        }
    }

    private static KubernetesSerialization strictSerialization() {
        KubernetesSerialization serialization = new KubernetesSerialization(JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), true);
        // A value of the wrong type fails instead of landing in additionalProperties.
        serialization.getUnmatchedFieldTypeModule().setRestrictToTemplates(true);
        return serialization;
    }

    /** The manifest files: every *.yaml of the folder but kustomization.yaml. */
    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Document> load(Path file) {
        try {
            List<Document> documents = new ArrayList<>();
            int index = 0;
            for (JsonNode tree : trees(Files.readString(file))) {
                documents.add(new Document(file.getFileName().toString(), index++, parse(tree)));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<JsonNode> trees(String yaml) throws IOException {
        List<JsonNode> trees = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode tree = documents.next();
                if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                    trees.add(tree);
                }
            }
        }
        return trees;
    }

    /** One document as its typed resource; a kind or apiVersion the model does not know fails. */
    static HasMetadata parse(String yaml) throws IOException {
        List<JsonNode> trees = trees(yaml);
        if (trees.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + trees.size());
        }
        return parse(trees.get(0));
    }

    private static HasMetadata parse(JsonNode tree) {
        KubernetesResource resource = SERIALIZATION.unmarshal(tree.toString());
        if (resource instanceof GenericKubernetesResource generic) {
            throw new IllegalArgumentException("not a resource of the Kubernetes API: "
                    + generic.getApiVersion() + " " + generic.getKind());
        }
        if (!(resource instanceof HasMetadata typed)) {
            throw new IllegalArgumentException("not a single resource: " + resource.getClass().getName());
        }
        return typed;
    }

    /** The path of every field of the document that the typed model does not have. */
    static List<String> unknownFields(Object resource) {
        List<String> found = new ArrayList<>();
        walk(resource, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, found, seen));
            return;
        }
        if (!node.getClass().getName().startsWith(MODEL_PACKAGE) || !seen.add(node)) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> found.add((path.isEmpty() ? "" : path + ".") + key));
                    }
                } else {
                    walk(value, path.isEmpty() ? field.getName() : path + "." + field.getName(), found, seen);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a label selector selects pods with these labels (matchLabels and matchExpressions). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (required.isEmpty() && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())) {
            return false;   // an empty selector selects everything: never what a manifest here means
        }
        for (var entry : required.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement expression : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(expression.getKey());
            boolean ok = switch (expression.getOperator()) {
                case "In" -> value != null && expression.getValues().contains(value);
                case "NotIn" -> value == null || !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown operator " + expression.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The container port a port reference (a number or a name) stands for. */
    static Optional<ContainerPort> resolve(IntOrString reference, List<ContainerPort> ports) {
        if (reference == null) {
            return Optional.empty();
        }
        if (reference.getIntVal() != null) {
            return ports.stream().filter(port -> reference.getIntVal().equals(port.getContainerPort())).findFirst();
        }
        return ports.stream().filter(port -> reference.getStrVal().equals(port.getName())).findFirst();
    }
}
