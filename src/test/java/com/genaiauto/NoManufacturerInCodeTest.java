package com.genaiauto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.rag.service.DemoDocument;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The code serves any manufacturer")
class NoManufacturerInCodeTest {

    @Test
    void shouldNameNoManufacturerOrModelOfTheDemoOrEvaluationManualsInMainCode() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (DemoDocument document : KnowledgeBaseSeeder.bundledDocuments()) {
            addName(names, document.make());
            addName(names, document.model());
        }
        try (Stream<Path> sets = Files.list(Path.of("src/test/resources/assistant-eval"))) {
            for (Path set : sets.filter(set -> Files.exists(set.resolve("vehicles.json"))).toList()) {
                for (JsonNode vehicle : new ObjectMapper().readTree(set.resolve("vehicles.json").toFile())) {
                    addName(names, vehicle.path("make").asText());
                    addName(names, vehicle.path("model").asText());
                }
            }
        }
        assertThat(names).as("names to look for").hasSizeGreaterThanOrEqualTo(8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String name : names) {
                    if (Pattern.compile("(?i)\\b" + Pattern.quote(name) + "\\b").matcher(source).find()) {
                        found.add(file + ": " + name);
                    }
                }
            }
        }
        assertThat(found).as("manufacturer or model names in src/main/java").isEmpty();
    }

    private static void addName(Set<String> names, String value) {
        if (value != null && !value.isBlank()) {
            // A model with descriptors ("Brio Hybrid") is named by its first word as well.
            names.add(value.strip());
            names.add(value.strip().split("\\s+")[0]);
        }
    }
}
