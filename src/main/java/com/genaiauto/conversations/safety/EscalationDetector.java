package com.genaiauto.conversations.safety;

import com.genaiauto.conversations.routing.ExampleClassifier;
import com.genaiauto.rag.embed.Embedder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, before anything else, whether a message needs a person: an injury or accident, fire,
 * smoke or a burning smell, brakes or steering failing, airbags, fuel, a high-voltage danger, a
 * complaint or legal threat, or a request for a person. A classifier over the message's embedding
 * and its words, fitted on labelled hazards and on benign messages that use the same words ("what
 * does the airbag off light mean"), so paraphrases are caught and look-alikes are not, and nudged
 * by the nearest labelled example; beside it, a few rules for wordings so plain that no example
 * should be needed to catch them. A miss can cost a life and a false alarm a minute of an agent's
 * time, so the threshold is set low, as far as needless handoffs of benign development prompts
 * allow.
 */
public final class EscalationDetector {

    public static final String EXAMPLES = "conversations/escalation-examples.json";
    /**
     * Score (the probability that a message is not benign, moved by its nearest examples) from which
     * it goes to a person. With the message's words weighed too, 0.5 catches more hazards than the
     * embedding alone did at 0.55 and hands off no more benign prompts, both by 5-fold
     * cross-validation on the development prompts and by the bundled examples alone on a brand they
     * hold none of, nor more of the development questions (scored by the model fitted on all the
     * prompts); 0.45 caught more hazards but handed off more questions ({@code bench/escalation-lab},
     * docs/benchmarks.md).
     */
    static final double THRESHOLD = 0.5;
    /**
     * How far the nearest examples move the score: a message closer to a hazard example than to
     * any benign one leans towards a person, one closer to a benign look-alike away from one.
     * Chosen with the threshold by 5-fold cross-validation on the development prompts
     * ({@code bench/escalation-lab}, docs/benchmarks.md).
     */
    static final double NEIGHBOUR_WEIGHT = 2.0;

    private record Rule(EscalationKind kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            rule(EscalationKind.FIRE_SMOKE, "\\b(on fire|caught fire|catching fire|in flames|flames (are )?coming)\\b"),
            rule(EscalationKind.AIRBAG, "\\bair ?bags? (went off|have gone off|has gone off|deployed|popped|blew|exploded)\\b"),
            rule(EscalationKind.INJURY_ACCIDENT, "\\b(crash(ed)?|collision|accident|hit (a|an|another|the)|rear-?ended)\\b.*"
                    + "\\b(hurt|injur(ed|y|ies)|bleeding|ambulance|unconscious|broken (arm|leg|bone)|pain)\\b"),
            rule(EscalationKind.LEGAL_COMPLAINT, "\\b(i('m| am| will|'ll)|we('re| are| will|'ll)) (going to |gonna )?"
                    + "(sue|take (you|this|them) to court|get (a|my) lawyer)\\b"),
            rule(EscalationKind.BRAKES, "\\b(brakes? (failed|have failed|gave out|stopped working)|no brakes)\\b"),
            rule(EscalationKind.HUMAN_REQUEST, "\\b(talk|speak|chat) (to|with) (a |an )?(human|real person|person|"
                    + "(support |customer service )?agent|someone|somebody|representative|manager)\\b"));

    private final ExampleClassifier<EscalationKind> classifier;

    public EscalationDetector(Embedder embedder) {
        this(embedder, EXAMPLES);
    }

    /** Over other labelled examples (a classpath resource of the same form): for tests. */
    EscalationDetector(Embedder embedder, String examples) {
        this.classifier = new ExampleClassifier<>(EscalationKind.class, examples, EscalationKind::fromWire, embedder,
                EscalationKind.NONE, ExampleClassifier.Inputs.EMBEDDING_AND_WORDS);
    }

    private static Rule rule(EscalationKind kind, String pattern) {
        return new Rule(kind, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
    }

    public void warmUp() {
        classifier.warmUp();
    }

    /** The kind a plain wording names outright, before any classifier. */
    public static Optional<EscalationKind> ruleFor(String text) {
        return RULES.stream().filter(rule -> rule.pattern().matcher(text).find()).map(Rule::kind).findFirst();
    }

    /** {@code vector} is the embedding of {@code text} (masked) that the turn computed. */
    public Optional<Escalation> detect(String text, float[] vector) {
        Optional<EscalationKind> ruled = ruleFor(text);
        if (ruled.isPresent()) {
            return Optional.of(new Escalation(ruled.get(), 1.0));
        }
        ExampleClassifier.Prediction<EscalationKind> prediction = classifier.classify(text, vector);
        ExampleClassifier.Neighbours<EscalationKind> neighbours = classifier.neighbours(vector);
        double linear = 1 - prediction.probabilityOf(EscalationKind.NONE);
        double escalate = Math.max(0, Math.min(1, linear + NEIGHBOUR_WEIGHT * neighbours.margin()));
        if (escalate < THRESHOLD) {
            return Optional.empty();
        }
        // Escalated by its nearest example alone, a message is of that example's kind: the linear
        // model's runner-up could be another hazard, with the wrong advice.
        EscalationKind kind = linear < THRESHOLD && neighbours.nearest() != null ? neighbours.nearest()
                : prediction.probabilities().entrySet().stream().filter(entry -> entry.getKey() != EscalationKind.NONE)
                        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return Optional.of(new Escalation(kind, escalate));
    }
}
