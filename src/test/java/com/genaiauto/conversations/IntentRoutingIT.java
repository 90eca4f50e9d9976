package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.routing.ExampleClassifier;
import com.genaiauto.conversations.routing.IntentRouter;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Offline intent routing on the held-out labelled set")
class IntentRoutingIT {

    @Test
    void shouldRouteAtLeastNinetyPercentOfHeldOutMessagesToTheRightAgent() throws Exception {
        JsonNode set;
        try (InputStream stream = getClass().getClassLoader().getResourceAsStream("conversations/intent-eval.json")) {
            set = new ObjectMapper().readTree(stream);
        }
        try (InProcessBgeEmbedder embedder = new InProcessBgeEmbedder(Runtime.getRuntime().availableProcessors())) {
            ExampleClassifier<Intent> classifier = IntentRouter.classifier(embedder);
            int correct = 0;
            Map<Intent, int[]> perIntent = new EnumMap<>(Intent.class);
            for (JsonNode item : set) {
                Intent expected = Intent.parse(item.path("intent").asText());
                ExampleClassifier.Prediction<Intent> decision = classifier.classify(item.path("text").asText(),
                        embedder.embedQuery(item.path("text").asText()));
                int[] tally = perIntent.computeIfAbsent(expected, intent -> new int[2]);
                tally[1]++;
                if (decision.label() == expected) {
                    correct++;
                    tally[0]++;
                } else {
                    System.out.printf("  misrouted: %s -> %s (%.2f): %s%n", expected.wire(), decision.label().wire(),
                            decision.probability(), item.path("text").asText());
                }
            }
            double accuracy = (double) correct / set.size();
            System.out.printf(Locale.ROOT, "Offline intent routing: %d of %d correct (accuracy %.3f)%n", correct,
                    set.size(), accuracy);
            perIntent.forEach((intent, tally) -> System.out.printf(Locale.ROOT, "  %s: %d/%d%n", intent.wire(),
                    tally[0], tally[1]));
            assertThat(set.size()).isGreaterThanOrEqualTo(80);
            assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
        }
    }
}
