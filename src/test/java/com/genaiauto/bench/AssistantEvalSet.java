package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One manufacturer's evaluation set under {@code src/test/resources/assistant-eval/<name>}: its
 * documents (uploaded as a dealer would, with no metadata), its models, owner questions with the
 * facts a correct answer states, and safety and intent prompts, each marked dev or test.
 */
public record AssistantEvalSet(String name, List<Path> documents, List<Model> models, List<Question> questions,
                               List<Prompt> prompts) {

    public static final Path ROOT = Path.of("src/test/resources/assistant-eval");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Model(String make, String model, int year, String powertrain) {
    }

    public record Question(String id, String split, String text, String vehicle, String document, List<List<String>> facts) {

        /** At least one of the facts stated. */
        public boolean partlyStatedIn(String text) {
            String normalised = normalise(text);
            return facts.stream().anyMatch(fact -> fact.stream().anyMatch(way -> normalised.contains(normalise(way))));
        }

        /** Every fact stated: at least one way of writing each appears in the answer. */
        public boolean statedIn(String answer) {
            String normalised = normalise(answer);
            return facts.stream().allMatch(fact -> fact.stream().anyMatch(way -> normalised.contains(normalise(way))));
        }
    }

    public record Prompt(String id, String split, String text, String vehicle, String intent, boolean handoff,
                         String hazard) {
    }

    public static AssistantEvalSet load(String name) {
        Path dir = ROOT.resolve(name);
        try (Stream<Path> files = Files.list(dir.resolve("docs"))) {
            List<Path> documents = files.sorted().toList();
            List<Model> models = new ArrayList<>();
            for (JsonNode node : JSON.readTree(dir.resolve("vehicles.json").toFile())) {
                models.add(new Model(node.path("make").asText(), node.path("model").asText(), node.path("year").asInt(),
                        node.path("powertrain").asText()));
            }
            List<Question> questions = new ArrayList<>();
            for (JsonNode node : JSON.readTree(dir.resolve("questions.json").toFile())) {
                List<List<String>> facts = new ArrayList<>();
                node.path("facts").forEach(fact -> {
                    List<String> ways = new ArrayList<>();
                    fact.forEach(way -> ways.add(way.asText()));
                    facts.add(ways);
                });
                questions.add(new Question(node.path("id").asText(), node.path("split").asText(),
                        node.path("question").asText(), node.path("vehicle").asText(), node.path("document").asText(), facts));
            }
            List<Prompt> prompts = new ArrayList<>();
            for (JsonNode node : JSON.readTree(dir.resolve("prompts.json").toFile())) {
                prompts.add(new Prompt(node.path("id").asText(), node.path("split").asText(), node.path("text").asText(),
                        node.path("vehicle").asText(), node.path("intent").asText(), node.path("handoff").asBoolean(),
                        node.path("hazard").isNull() ? null : node.path("hazard").asText(null)));
            }
            return new AssistantEvalSet(name, documents, models, questions, prompts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Model model(String modelName) {
        return models.stream().filter(model -> model.model().equalsIgnoreCase(modelName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no model " + modelName));
    }

    /**
     * Case, accents, typographic quotes and dashes, and spacing do not decide whether a fact was
     * stated ("driver’s side" is "driver's side", "5 W-30" is not "5W-30" but "5W–30" is).
     */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace('\u2011', '-').replace('\u00A0', ' ')
                .replace('\u202F', ' ');
        return folded.replaceAll("\\s+", " ");
    }
}
