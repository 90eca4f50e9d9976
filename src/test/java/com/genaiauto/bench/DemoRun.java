package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import java.io.InputStream;
import java.util.List;

/**
 * The bundled demo manuals' own questions (which manual answers them) and intent set, through the
 * same API, asked by an owner with no vehicle on the account: the demo figures that must not regress.
 */
final class DemoRun {

    private DemoRun() {
    }

    static Report run(Api api) throws Exception {
        Accounts.Session session = new Accounts(api).aCustomer().register();
        AssistantBenchmark.Owner owner = new AssistantBenchmark.Owner(session.accessToken(), null);
        Report report = new Report("demo", "all");
        for (JsonNode question : read("knowledge-base/eval/questions.json")) {
            String text = question.path("question").asText();
            List<String> expected = new java.util.ArrayList<>();
            question.path("expected").forEach(slug -> expected.add(slug.asText()));
            JsonNode reply = AssistantBenchmark.chat(api, owner, text);
            String first = reply.path("sources").path(0).path("sourceName").asText("");
            boolean found = AssistantBenchmark.searchTop5(api, owner, text).stream().anyMatch(expected::contains);
            report.citedOnly(expected.contains(first), found);
        }
        for (JsonNode prompt : read("conversations/intent-eval.json")) {
            JsonNode reply = AssistantBenchmark.chat(api, owner, prompt.path("text").asText());
            report.prompt(false, reply.path("handoff").asBoolean(), prompt.path("intent").asText()
                    .equals(reply.path("agent").asText()));
        }
        return report;
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream stream = DemoRun.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(stream);
        }
    }
}
