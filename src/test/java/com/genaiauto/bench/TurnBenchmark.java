package com.genaiauto.bench;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * One chat turn without a language model, end to end through {@code POST /api/v1/chat}: sign-in
 * check, storing the message, building the turn, the safety check, routing, embedding the question,
 * hybrid search with the owner's vehicle filter, choosing the answering lines, storing the answer.
 * The demo manuals are loaded; every question is new to the embedding cache (owners do not repeat
 * themselves word for word). One client, after a warm-up. Prints p50, p90 and p99; asserts nothing.
 * Run with {@code bench/turn}; {@code -Dbench.turns=1000} for more turns.
 */
public final class TurnBenchmark {

    private static final PrintStream OUT = System.err;
    private static final String[] ASKS = {"what tyre pressure should I use", "how long does it take to charge at home",
            "what does the turtle warning light mean", "how often does it need servicing", "can I tow a caravan",
            "how do I reset the tyre pressure warning", "which coolant does it take", "where is the 12 volt battery",
            "is it normal that the range drops in winter", "how do I open the charge port when it is frozen",
            "what size are the tyres", "how much does a service cost", "what does the snowflake light mean",
            "how fast can it charge on a rapid charger", "what is the warranty on the battery"};
    private static final String[] OPENINGS = {"", "quick question: ", "hi, ", "hey, ", "sorry to bother you, ", "um "};
    private static final String[] ENDINGS = {"?", "", " please", " thanks", " for my car?", " on mine"};

    public static void main(String[] args) throws Exception {
        TestDatabase database = TestDatabase.create();
        PrivateRedis redis = PrivateRedis.started();
        AppConfig config = AppConfig.defaults().database(database::jdbcUrl).redis(redis::url).set("logging.level", "ERROR");
        DropwizardTestSupport<GenAiAutoConfiguration> app = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, config.toArray());
        app.before();
        try {
            Api api = new Api(app.getLocalPort());
            AssistantBenchmark.task(app.getAdminPort(), "kb-seed");
            Accounts.Session session = new Accounts(api).aCustomer().register();
            UUID vehicle = session.aVehicle().ofModel("Kestrel", "Volta", "electric").create();
            AssistantBenchmark.Owner owner = new AssistantBenchmark.Owner(session.accessToken(), vehicle);
            Random random = new Random(7);
            int turns = Integer.getInteger("bench.turns", 600);
            for (int i = 0; i < 300; i++) {
                AssistantBenchmark.chat(api, owner, question(random, i));
            }
            double[] millis = new double[turns];
            List<Double> server = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                long started = System.nanoTime();
                var reply = AssistantBenchmark.chat(api, owner, question(random, 1_000 + i));
                millis[i] = (System.nanoTime() - started) / 1e6;
                var stored = api.get("/api/v1/conversations/" + reply.path("sessionId").asText(), owner.token()).json();
                server.add(stored.path("messages").path(1).path("latencyMs").asDouble());
            }
            Arrays.sort(millis);
            double[] inside = server.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            OUT.printf(Locale.ROOT, "chat turn without a model, %d turns after 300 of warm-up, one client:%n", turns);
            OUT.printf(Locale.ROOT, "| measured | p50 ms | p90 ms | p99 ms |%n| --- | --- | --- | --- |%n");
            OUT.printf(Locale.ROOT, "| client, whole HTTP round trip | %.1f | %.1f | %.1f |%n", at(millis, 0.5), at(millis, 0.9),
                    at(millis, 0.99));
            OUT.printf(Locale.ROOT, "| server, from receipt to the stored answer | %.1f | %.1f | %.1f |%n", at(inside, 0.5),
                    at(inside, 0.9), at(inside, 0.99));
        } finally {
            app.after();
            redis.stop();
            database.drop();
        }
    }

    private static String question(Random random, int n) {
        return OPENINGS[random.nextInt(OPENINGS.length)] + ASKS[random.nextInt(ASKS.length)]
                + ENDINGS[random.nextInt(ENDINGS.length)] + (n % 7 == 0 ? " (" + n + ")" : "");
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
    }
}
