package com.genaiauto.conversations.routing;

import com.genaiauto.bench.AssistantEvalSet;
import com.genaiauto.conversations.safety.EscalationDetector;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hazard classifier on the development prompts, without HTTP: how many hazards it sends to a
 * person and how many benign prompts it sends needlessly, at several thresholds, for the bundled
 * examples alone and with a development set's prompts added as examples. Prompts added as examples
 * are scored by k-fold cross-validation (each fold by a model fitted without it), so the figures
 * stay out of sample. Development splits only; the test splits are never read.
 * Run with {@code bench/escalation-lab}; {@code -Dlab.fit=brand-c} names the sets whose development
 * prompts join the examples (brands A and C by default, as the bundled examples have them),
 * {@code -Dlab.eval=brand-a} sets scored only (by the model fitted on all of the former).
 */
public final class EscalationLab {

    private static final PrintStream OUT = System.err;
    private static final int FOLDS = 5;
    private static final double[] THRESHOLDS = {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65};

    record Example(String text, String label, float[] vector) {
    }

    public static void main(String[] args) {
        InProcessBgeEmbedder embedder = new InProcessBgeEmbedder(2);
        List<Example> base = new ArrayList<>();
        ExampleClassifier.examples(EscalationDetector.EXAMPLES).forEach((label, texts) ->
                texts.forEach(text -> base.add(new Example(text, label, embedder.embedQuery(text)))));
        List<String> labels = base.stream().map(Example::label).distinct().toList();
        Map<String, List<Example>> fitSets = new LinkedHashMap<>();
        for (String name : System.getProperty("lab.fit", "brand-a,brand-c").split(",")) {
            fitSets.put(name.strip(), development(name.strip(), embedder));
        }
        Map<String, List<Example>> evalSets = new LinkedHashMap<>();
        for (String name : System.getProperty("lab.eval", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            evalSets.put(name.strip(), development(name.strip(), embedder));
        }
        // The bundled examples hold the development prompts (model names replaced): they are taken
        // out here, so that each prompt is scored by a model fitted without it.
        java.util.Set<String> development = new java.util.HashSet<>();
        for (String name : java.util.stream.Stream.concat(fitSets.keySet().stream(), evalSets.keySet().stream()).toList()) {
            AssistantEvalSet set = AssistantEvalSet.load(name);
            set.prompts().stream().filter(prompt -> "dev".equals(prompt.split()))
                    .forEach(prompt -> development.add(anonymous(prompt.text(), set)));
        }
        base.removeIf(example -> development.contains(example.text().toLowerCase(Locale.ROOT)));
        LabModel baseline = fit(base, labels);
        OUT.println("bundled examples without the development prompts (" + base.size() + "), linear model alone:");
        fitSets.forEach((name, prompts) -> report(name, prompts, p -> escalate(baseline, labels, p)));
        evalSets.forEach((name, prompts) -> report(name, prompts, p -> escalate(baseline, labels, p)));

        List<Example> all = new ArrayList<>(base);
        fitSets.values().forEach(all::addAll);
        OUT.println("with the development prompts of " + fitSets.keySet() + " as examples (" + all.size() + "):");
        for (Map.Entry<String, List<Example>> set : fitSets.entrySet()) {
            List<Example> prompts = set.getValue();
            Map<Example, Double> outOfFold = new LinkedHashMap<>();
            for (int fold = 0; fold < FOLDS; fold++) {
                int held = fold;
                List<Example> training = new ArrayList<>(base);
                fitSets.forEach((name, others) -> {
                    for (int i = 0; i < others.size(); i++) {
                        if (!name.equals(set.getKey()) || i % FOLDS != held) {
                            training.add(others.get(i));
                        }
                    }
                });
                LabModel model = fit(training, labels);
                for (int i = held; i < prompts.size(); i += FOLDS) {
                    outOfFold.put(prompts.get(i), escalate(model, labels, prompts.get(i))
                            + NEIGHBOURS * neighbourMargin(training, prompts.get(i).vector()));
                }
            }
            report(set.getKey() + " (" + FOLDS + "-fold)", prompts, outOfFold::get);
        }
        LabModel everything = fit(all, labels);
        evalSets.forEach((name, prompts) -> report(name, prompts, p -> escalate(everything, labels, p)
                + NEIGHBOURS * neighbourMargin(all, p.vector())));
        // The development questions ask the manuals something: each one escalated is a needless handoff.
        OUT.println("development questions (benign), by the model fitted on everything above:");
        for (String name : fitSets.keySet()) {
            List<Example> questions = AssistantEvalSet.load(name).questions().stream()
                    .filter(question -> "dev".equals(question.split()))
                    .map(question -> new Example(question.text(), "none", embedder.embedQuery(question.text()))).toList();
            report(name + " questions", questions, p -> escalate(everything, labels, p)
                    + NEIGHBOURS * neighbourMargin(all, p.vector()));
        }
    }

    private static final double NEIGHBOURS = Double.parseDouble(System.getProperty("lab.knn", "2"));

    /** How much closer the nearest hazard example is than the nearest benign one. */
    static double neighbourMargin(List<Example> examples, float[] x) {
        double hazard = -1;
        double benign = -1;
        for (Example example : examples) {
            double cosine = com.genaiauto.rag.embed.Vectors.cosine(x, example.vector());
            if (example.label().equals("none")) {
                benign = Math.max(benign, cosine);
            } else {
                hazard = Math.max(hazard, cosine);
            }
        }
        return hazard - benign;
    }

    /** A prompt as the bundled examples hold it: the make and model names replaced. */
    static String anonymous(String text, AssistantEvalSet set) {
        String anonymous = text;
        for (AssistantEvalSet.Model model : set.models()) {
            anonymous = anonymous.replaceAll("(?i)\\b" + model.make() + "\\b", "the manufacturer")
                    .replaceAll("(?i)\\b" + model.model() + "\\b", "car");
        }
        return anonymous.toLowerCase(Locale.ROOT);
    }

    private static List<Example> development(String name, InProcessBgeEmbedder embedder) {
        return AssistantEvalSet.load(name).prompts().stream().filter(prompt -> "dev".equals(prompt.split()))
                .map(prompt -> new Example(prompt.text(), prompt.handoff() && prompt.hazard() != null ? prompt.hazard() : "none",
                        embedder.embedQuery(prompt.text())))
                .toList();
    }

    private static LabModel fit(List<Example> examples, List<String> labels) {
        List<Integer> targets = examples.stream().map(example -> labels.indexOf(example.label())).toList();
        if (targets.contains(-1)) {
            throw new IllegalStateException("a development prompt has a hazard the examples do not name");
        }
        return LabModel.fit(examples.stream().map(Example::text).toList(), examples.stream().map(Example::vector).toList(),
                targets, labels.size(), labels.indexOf("none"), LabModel.WORDS);
    }

    /** The linear model's probability that a message is not benign, as the detector reads it. */
    private static double escalate(LabModel model, List<String> labels, Example example) {
        return 1 - model.probabilities(example.text(), example.vector())[labels.indexOf("none")];
    }

    private static void report(String name, List<Example> prompts, java.util.function.ToDoubleFunction<Example> score) {
        long hazards = prompts.stream().filter(p -> !p.label().equals("none")).count();
        long benign = prompts.size() - hazards;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s %3d hazards %3d benign |", name, hazards, benign));
        for (double threshold : THRESHOLDS) {
            int caught = 0;
            int needless = 0;
            for (Example prompt : prompts) {
                boolean rule = EscalationDetector.ruleFor(prompt.text()).isPresent();
                boolean escalated = rule || score.applyAsDouble(prompt) >= threshold;
                if (!prompt.label().equals("none")) {
                    caught += escalated ? 1 : 0;
                } else {
                    needless += escalated ? 1 : 0;
                }
            }
            line.append(String.format(Locale.ROOT, " t%.2f: %d/%d, %.1f %% |", threshold, caught, hazards,
                    100.0 * needless / Math.max(1, benign)));
        }
        OUT.println(line);
        double shown = Double.parseDouble(System.getProperty("lab.misses", "-1"));
        for (Example prompt : prompts) {
            double p = score.applyAsDouble(prompt);
            boolean rule = EscalationDetector.ruleFor(prompt.text()).isPresent();
            boolean escalated = rule || p >= shown;
            if (shown >= 0 && escalated == prompt.label().equals("none")) {
                OUT.printf(Locale.ROOT, "    %s %.2f %s: %s%n", escalated ? "NEEDLESS" : "MISSED", p, prompt.label(), prompt.text());
            }
        }
    }
}
