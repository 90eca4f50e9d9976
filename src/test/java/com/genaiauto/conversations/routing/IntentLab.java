package com.genaiauto.conversations.routing;

import com.genaiauto.bench.AssistantEvalSet;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The intent classifier on the development prompts that need no person (the others are routed by
 * their hazard, so they are fitted on but not scored), without HTTP: its accuracy with the bundled examples alone, and with the
 * development prompts added as examples, scored by k-fold cross-validation so that no prompt is
 * scored by a model fitted on it. Development splits only. Run with {@code bench/intent-lab}.
 */
public final class IntentLab {

    private static final PrintStream OUT = System.err;
    private static final int FOLDS = 5;
    /** Score each set by a model fitted on the other sets alone: how it carries to a brand it never saw. */
    private static final boolean CROSS_SET = Boolean.getBoolean("lab.crossSet");

    record Example(String text, String label, float[] vector, boolean handoff) {
        /** Whether it joins the examples: {@code lab.onlyBenign} keeps no prompt that needs a person, and unless {@code lab.withPersonRequests}, none of those routed to small talk. */
        boolean fitted() {
            return !(ONLY_BENIGN && handoff) && !(NO_PERSON_REQUESTS && handoff && label.equals("general"));
        }
    }

    /** As the bundled examples are built: the prompts asking for a person are the escalation's. */
    private static final boolean NO_PERSON_REQUESTS = !Boolean.getBoolean("lab.withPersonRequests");

    public static void main(String[] args) {
        InProcessBgeEmbedder embedder = new InProcessBgeEmbedder(2);
        List<String> sets = List.of(System.getProperty("lab.fit", "brand-a,brand-c").split(","));
        Set<String> development = new HashSet<>();
        Map<String, List<Example>> prompts = new LinkedHashMap<>();
        for (String name : sets) {
            AssistantEvalSet set = AssistantEvalSet.load(name.strip());
            List<Example> examples = new ArrayList<>();
            for (AssistantEvalSet.Prompt prompt : set.prompts()) {
                if ("dev".equals(prompt.split())) {
                    development.add(EscalationLab.anonymous(prompt.text(), set));
                    examples.add(new Example(prompt.text(), prompt.intent(), embedder.embedQuery(prompt.text()), prompt.handoff()));
                }
            }
            prompts.put(name.strip(), examples);
        }
        List<Example> base = new ArrayList<>();
        ExampleClassifier.examples(IntentRouter.EXAMPLES).forEach((label, texts) -> texts.stream()
                .filter(text -> !development.contains(text.toLowerCase(Locale.ROOT)))
                .forEach(text -> base.add(new Example(text, label, embedder.embedQuery(text), false))));
        List<String> labels = base.stream().map(Example::label).distinct().toList();
        LabModel baseline = fit(base, labels);
        OUT.println("bundled examples without the development prompts (" + base.size() + "):");
        prompts.forEach((name, examples) -> report(name, examples, example -> predict(baseline, labels, example)));
        OUT.println("with the development prompts as examples, " + (CROSS_SET ? "each set scored by the others'" : FOLDS + "-fold") + ":");
        for (Map.Entry<String, List<Example>> set : prompts.entrySet()) {
            Map<Example, String> outOfFold = new LinkedHashMap<>();
            for (int fold = 0; fold < FOLDS; fold++) {
                int held = fold;
                List<Example> training = new ArrayList<>(base);
                prompts.forEach((name, others) -> {
                    for (int i = 0; i < others.size(); i++) {
                        if ((!name.equals(set.getKey()) || !CROSS_SET && i % FOLDS != held)  && others.get(i).fitted()) {
                            training.add(others.get(i));
                        }
                    }
                });
                LabModel model = fit(training, labels);
                for (int i = held; i < set.getValue().size(); i += FOLDS) {
                    outOfFold.put(set.getValue().get(i), predict(model, labels, set.getValue().get(i)));
                }
            }
            report(set.getKey(), set.getValue(), outOfFold::get);
        }
        // The bundled demo's own evaluation prompts, by a model fitted on everything above.
        List<Example> everything = new ArrayList<>(base);
        prompts.values().forEach(examples -> examples.stream().filter(Example::fitted)
                .forEach(everything::add));
        LabModel all = fit(everything, labels);
        List<Example> demo = new ArrayList<>();
        try (java.io.InputStream stream = IntentLab.class.getClassLoader().getResourceAsStream("conversations/intent-eval.json")) {
            for (com.fasterxml.jackson.databind.JsonNode node : new com.fasterxml.jackson.databind.ObjectMapper().readTree(stream)) {
                String text = node.path("text").asText();
                demo.add(new Example(text, node.path("intent").asText(), embedder.embedQuery(text), false));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        report("demo, bundled examples alone", demo, example -> predict(baseline, labels, example));
        report("demo, with the prompts", demo, example -> predict(all, labels, example));
        if (Boolean.getBoolean("lab.verbose")) {
            OUT.println("  small talk's probability of being small talk (demo and development prompts):");
            java.util.stream.Stream.concat(demo.stream(), prompts.values().stream().flatMap(List::stream))
                    .filter(example -> example.label().equals("general") && !example.handoff())
                    .forEach(example -> OUT.printf(Locale.ROOT, "    %.2f %s%n", generalProbability(all, labels, embedder, example.text()), example.text()));
        }
        // Every development question asks something of the manuals: none should be taken for small talk.
        for (String name : sets) {
            List<AssistantEvalSet.Question> questions = AssistantEvalSet.load(name.strip()).questions().stream()
                    .filter(question -> "dev".equals(question.split())).toList();
            List<String> chatted = questions.stream().filter(question -> predict(all, labels, new Example(question.text(),
                    "", embedder.embedQuery(question.text()), false)).equals("general")).map(AssistantEvalSet.Question::text).toList();
            OUT.printf(Locale.ROOT, "  %-30s %d of %d questions taken for small talk%n", name.strip() + " questions", chatted.size(),
                    questions.size());
            if (Boolean.getBoolean("lab.verbose")) {
                chatted.forEach(text -> OUT.printf(Locale.ROOT, "    %.2f %s%n", generalProbability(all, labels, embedder, text), text));
            }
        }
    }

    /** Only the development prompts that need no person join the examples. */
    private static final boolean ONLY_BENIGN = Boolean.getBoolean("lab.onlyBenign");

    private static LabModel fit(List<Example> examples, List<String> labels) {
        return LabModel.fit(examples.stream().map(Example::text).toList(), examples.stream().map(Example::vector).toList(),
                examples.stream().map(example -> labels.indexOf(example.label())).toList(), labels.size(), -1, LabModel.WORDS);
    }

    static double generalProbability(LabModel model, List<String> labels, InProcessBgeEmbedder embedder, String text) {
        return model.probabilities(text, embedder.embedQuery(text))[labels.indexOf("general")];
    }

    private static String predict(LabModel model, List<String> labels, Example example) {
        double[] probabilities = model.probabilities(example.text(), example.vector());
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        return labels.get(best);
    }

    private static void report(String name, List<Example> all, java.util.function.Function<Example, String> predicted) {
        List<Example> examples = all.stream().filter(example -> !example.handoff()).toList();
        long right = examples.stream().filter(example -> example.label().equals(predicted.apply(example))).count();
        OUT.printf(Locale.ROOT, "  %-30s %d/%d = %.3f%n", name, right, examples.size(), (double) right / examples.size());
        if (Boolean.getBoolean("lab.verbose")) {
            examples.stream().filter(example -> !example.label().equals(predicted.apply(example))).forEach(example ->
                    OUT.printf("    want %s got %s: %s%n", example.label(), predicted.apply(example), example.text()));
        }
    }
}
