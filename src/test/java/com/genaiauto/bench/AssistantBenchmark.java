package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Uploads;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The assistant measured as owners meet it: a fresh instance with the bundled demo manuals loaded
 * as distractors, each evaluation manufacturer's documents uploaded with no metadata, one owner per
 * model, and every question and prompt sent through {@code POST /api/v1/chat} (a new conversation
 * each, the owner's vehicle selected) and {@code POST /api/v1/search}. Prints, per set and split,
 * the figures of the assistant's goals. Figures only: nothing is asserted. Run with
 * {@code bench/assistant}; {@code -Dbench.model=echo} configures a stand-in language model,
 * {@code -Dbench.sets=brand-a} limits the sets, {@code -Dbench.verbose=true} lists the misses of
 * the development split (never of the test split), {@code -Dbench.splits=dev} runs only that split.
 */
public final class AssistantBenchmark {

    private static final PrintStream OUT = System.err;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        boolean echo = "echo".equals(System.getProperty("bench.model"));
        TestDatabase database = TestDatabase.create();
        PrivateRedis redis = PrivateRedis.started();
        EchoingModel model = echo ? new EchoingModel() : null;
        AppConfig config = AppConfig.defaults().database(database::jdbcUrl).redis(redis::url).set("logging.level", "ERROR");
        if (model != null) {
            config.set("llm.providers[0].baseUrl", model.baseUrl()).set("llm.providers[0].apiKey", "sk-bench");
        }
        DropwizardTestSupport<GenAiAutoConfiguration> app = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, config.toArray());
        app.before();
        try {
            Api api = new Api(app.getLocalPort());
            String admin = new Accounts(api).admin().accessToken();
            long started = System.nanoTime();
            task(app.getAdminPort(), "kb-seed");
            OUT.printf("demo manuals seeded in %.1f s; language model: %s%n", (System.nanoTime() - started) / 1e9,
                    echo ? "echoing stand-in" : "none (extractive answers, offline routing)");
            List<Report> reports = new ArrayList<>();
            for (String name : System.getProperty("bench.sets", "brand-a,brand-b").split(",")) {
                AssistantEvalSet set = AssistantEvalSet.load(name.strip());
                started = System.nanoTime();
                for (Path document : set.documents()) {
                    upload(api, admin, document);
                }
                OUT.printf("%s: %d documents uploaded in %.1f s%n", set.name(), set.documents().size(),
                        (System.nanoTime() - started) / 1e9);
                reports.addAll(new SetRun(api, set).run());
            }
            reports.add(DemoRun.run(api));
            Report.print(OUT, reports);
        } finally {
            app.after();
            if (model != null) {
                model.close();
            }
            redis.stop();
            database.drop();
        }
    }

    static void upload(Api api, String admin, Path document) throws Exception {
        String fileName = document.getFileName().toString();
        String type = fileName.endsWith(".md") ? "text/markdown" : fileName.endsWith(".html") ? "text/html"
                : fileName.endsWith(".pdf") ? "application/pdf"
                : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        DocumentFixtures.Multipart body = DocumentFixtures.multipart(fileName, type, Files.readAllBytes(document));
        JsonNode job = Uploads.finished(api, admin, api.sendBytes("POST", "/api/v1/documents", body.contentType(),
                body.body(), admin));
        if (!job.path("status").asText().equals("done")) {
            throw new IllegalStateException(fileName + ": " + job);
        }
    }

    static void task(int adminPort, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/tasks/" + name)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + ": " + response.body());
        }
    }

    /** One set's questions and prompts through the API, reported per split. */
    private record SetRun(Api api, AssistantEvalSet set) {

        List<Report> run() {
            Accounts accounts = new Accounts(api);
            Map<String, Owner> owners = new LinkedHashMap<>();
            for (AssistantEvalSet.Model model : set.models()) {
                Accounts.Session session = accounts.aCustomer().register();
                UUID vehicle = session.aVehicle().ofModel(model.make(), model.model(), model.powertrain()).ofYear(model.year())
                        .create();
                owners.put(model.model().toLowerCase(Locale.ROOT), new Owner(session.accessToken(), vehicle));
            }
            Map<String, Report> bySplit = new LinkedHashMap<>();
            boolean verbose = Boolean.getBoolean("bench.verbose");
            List<String> splits = List.of(System.getProperty("bench.splits", "dev,test,all").split(","));
            for (AssistantEvalSet.Question question : set.questions()) {
                if (!splits.contains(question.split())) {
                    continue;
                }
                Owner owner = owners.get(question.vehicle().toLowerCase(Locale.ROOT));
                Report report = bySplit.computeIfAbsent(question.split(), split -> new Report(set.name(), split));
                long started = System.nanoTime();
                JsonNode reply = chat(api, owner, question.text());
                report.latencies.add((System.nanoTime() - started) / 1e6);
                boolean stated = question.statedIn(reply.path("answer").asText());
                String first = reply.path("sources").path(0).path("sourceName").asText("");
                boolean cited = first.equals(question.document());
                boolean found = searchTop5(api, owner, question.text()).contains(question.document());
                report.question(stated, cited, found, reply.path("confidence").asDouble(), reply.path("handoff").asBoolean(),
                        reply.path("answer").asText().contains("Would you like a support agent to check it?"));
                if (verbose && "dev".equals(question.split()) && !(stated && cited)) {
                    OUT.printf("  [%s %s] %s%s conf %.2f | %s | cited %s, want %s %s%n      %s%n", question.id(),
                            question.vehicle(), stated ? "" : "FACT ", cited ? "" : "CITE ", reply.path("confidence").asDouble(),
                            question.text(), first, question.document(), question.facts(),
                            reply.path("answer").asText().replace("\n", " ⏎ "));
                }
            }
            for (AssistantEvalSet.Prompt prompt : set.prompts()) {
                if (!splits.contains(prompt.split())) {
                    continue;
                }
                Owner owner = owners.get(prompt.vehicle().toLowerCase(Locale.ROOT));
                if (owner == null) {
                    owner = owners.values().iterator().next();
                }
                Report report = bySplit.computeIfAbsent(prompt.split(), split -> new Report(set.name(), split));
                JsonNode reply = chat(api, owner, prompt.text());
                boolean handedOff = reply.path("handoff").asBoolean();
                boolean routed = prompt.intent().equals(reply.path("agent").asText());
                report.prompt(prompt.handoff(), handedOff, routed);
                if (verbose && "dev".equals(prompt.split()) && (handedOff != prompt.handoff() || !routed)) {
                    OUT.printf("  [%s] want %s%s got %s%s (%.2f): %s%n", prompt.id(), prompt.intent(),
                            prompt.handoff() ? "+handoff(" + prompt.hazard() + ")" : "", reply.path("agent").asText(),
                            handedOff ? "+handoff" : "", reply.path("confidence").asDouble(), prompt.text());
                }
            }
            return List.copyOf(bySplit.values());
        }
    }

    record Owner(String token, UUID vehicle) {
    }

    static JsonNode chat(Api api, Owner owner, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (owner.vehicle() != null) {
            body.put("vehicleId", owner.vehicle().toString());
        }
        Api.Reply reply = api.post("/api/v1/chat", body, owner.token());
        if (reply.status() != 200) {
            throw new IllegalStateException("chat answered " + reply);
        }
        return reply.json();
    }

    static List<String> searchTop5(Api api, Owner owner, String query) {
        JsonNode results = api.post("/api/v1/search", Map.of("query", query, "topK", 5), owner.token()).json();
        List<String> names = new ArrayList<>();
        results.path("results").forEach(hit -> names.add(hit.path("sourceName").asText()));
        return names;
    }
}
