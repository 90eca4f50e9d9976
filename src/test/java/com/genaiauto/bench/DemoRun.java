package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.rag.service.DemoDocument;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled demo manuals' own questions (which manual answers them) and intent set, through the
 * same API, each asked by an owner of the model its manual is about: the demo figures that must not
 * regress.
 */
final class DemoRun {

    private DemoRun() {
    }

    static Report run(Api api) throws Exception {
        Accounts accounts = new Accounts(api);
        // One owner per demo model, as the manufacturer sets do; a question about a general manual
        // goes to the owner of the model it names, else to the first model's.
        Map<String, AssistantBenchmark.Owner> owners = new LinkedHashMap<>();
        Map<String, String> modelOf = new LinkedHashMap<>();
        for (DemoDocument document : KnowledgeBaseSeeder.bundledDocuments()) {
            if (document.model() != null) {
                modelOf.put(document.slug(), document.model());
                owners.computeIfAbsent(document.model(), model -> {
                    Accounts.Session session = accounts.aCustomer().register();
                    return new AssistantBenchmark.Owner(session.accessToken(), session.aVehicle()
                            .ofModel(document.make(), model, model.contains("Hybrid") ? "hybrid" : model.equals("Volta") ? "electric" : "petrol")
                            .create());
                });
            }
        }
        Report report = new Report("demo", "all");
        for (JsonNode question : read("knowledge-base/eval/questions.json")) {
            String text = question.path("question").asText();
            List<String> expected = new java.util.ArrayList<>();
            question.path("expected").forEach(slug -> expected.add(slug.asText()));
            String model = expected.stream().map(modelOf::get).filter(java.util.Objects::nonNull).findFirst()
                    .orElseGet(() -> owners.keySet().stream().filter(name -> text.toLowerCase(java.util.Locale.ROOT)
                            .contains(name.toLowerCase(java.util.Locale.ROOT).split(" ")[0])).findFirst()
                            .orElse(owners.keySet().iterator().next()));
            AssistantBenchmark.Owner owner = owners.get(model);
            JsonNode reply = AssistantBenchmark.chat(api, owner, text);
            String first = reply.path("sources").path(0).path("sourceName").asText("");
            boolean found = AssistantBenchmark.searchTop5(api, owner, text).stream().anyMatch(expected::contains);
            report.citedOnly(expected.contains(first), found);
            if (Boolean.getBoolean("bench.verbose") && !expected.contains(first)) {
                System.err.printf("  [demo %s] cited %s, want %s: %s%n", question.path("id").asText(), first, expected, text);
            }
        }
        AssistantBenchmark.Owner owner = owners.values().iterator().next();
        for (JsonNode prompt : read("conversations/intent-eval.json")) {
            JsonNode reply = AssistantBenchmark.chat(api, owner, prompt.path("text").asText());
            // The demo's intent set says nothing of handoffs: only the routing counts.
            boolean routed = prompt.path("intent").asText().equals(reply.path("agent").asText());
            report.routedOnly(routed);
            if (Boolean.getBoolean("bench.verbose") && !routed) {
                System.err.printf("  [demo prompt] want %s got %s: %s%n", prompt.path("intent").asText(),
                        reply.path("agent").asText(), prompt.path("text").asText());
            }
        }
        return report;
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream stream = DemoRun.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(stream);
        }
    }
}
