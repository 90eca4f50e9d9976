package com.genaiauto.conversations.answer;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.bench.AssistantEvalSet;
import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.routing.ExampleClassifier;
import com.genaiauto.conversations.routing.IntentRouter;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.conversations.turn.VehicleContext;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.model.VehicleModel;
import com.genaiauto.customers.service.VehicleModels;
import com.genaiauto.pii.PiiMasker;
import com.genaiauto.rag.service.Upload;
import com.genaiauto.testing.KnowledgeBaseRig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The answer pipeline without HTTP, for tuning on the development questions: the knowledge base
 * (demo manuals and an evaluation set's documents, uploaded without metadata) behind the grounded
 * answerer, each question grounded for its owner's vehicle and answered by quoting. Prints the fact
 * rate and the lines it missed, and fits the confidence model on what it saw
 * ({@code -Dlab.write=true} stores the fit). Run with {@code bench/answer-lab}; development split
 * unless {@code -Dlab.split} says otherwise.
 */
public final class AnswerLab {

    private static final PrintStream OUT = System.err;

    private static UnitSelector.Models models(KnowledgeBaseRig rig, AssistantEvalSet.Question question) {
        return new UnitSelector.Models(question.vehicle(), rig.search.documentedVehicles().stream()
                .map(com.genaiauto.rag.model.DocumentedVehicle::model).toList());
    }

    public static void main(String[] args) throws Exception {
        String setName = System.getProperty("lab.set", "brand-a");
        String split = System.getProperty("lab.split", "dev");
        // Several sets at once ("brand-a,brand-c"): their documents side by side, their questions together.
        List<AssistantEvalSet> sets = java.util.Arrays.stream(setName.split(",")).map(String::strip)
                .map(AssistantEvalSet::load).toList();
        AssistantEvalSet set = new AssistantEvalSet(setName,
                sets.stream().flatMap(one -> one.documents().stream()).toList(),
                sets.stream().flatMap(one -> one.models().stream()).toList(),
                sets.stream().flatMap(one -> one.questions().stream()).toList(),
                sets.stream().flatMap(one -> one.prompts().stream()).toList());
        List<VehicleModel> fleet = new ArrayList<>(set.models().stream()
                .map(model -> new VehicleModel(model.make(), model.model(), model.year(), model.year())).toList());
        VehicleModels models = new VehicleModels() {
            @Override
            public List<VehicleModel> known() {
                return fleet;
            }

            @Override
            public void onRegistered(Consumer<VehicleModel> listener) {
            }
        };
        try (KnowledgeBaseRig rig = new KnowledgeBaseRig(new com.genaiauto.rag.embed.InProcessBgeEmbedder(2), 0.56, 0.5,
                models)) {
            rig.seeder.seed();
            for (Path document : set.documents()) {
                rig.ingestion.ingest(new Upload(Files.readAllBytes(document), null, document.getFileName().toString(), null,
                        null, null, null, null, null, null, null));
            }
            ExampleClassifier<Intent> intents = IntentRouter.classifier(rig.embedder);
            GroundedAnswerer answerer = new GroundedAnswerer(rig.search, new UnitSelector(LineRanker.load()), ConfidenceModel.load(), null,
                    new AssistantIdentity("", "", ""));
            AuthenticatedUser owner = new AuthenticatedUser(UUID.randomUUID(), "lab@example.com", Role.CUSTOMER, "lab",
                    Instant.now(), Instant.now().plusSeconds(3600), null);
            record Case(AssistantEvalSet.Question question, float[] vector, double routing, Turn turn,
                        Grounding grounding) {
            }
            List<Case> cases = new ArrayList<>();
            List<AssistantEvalSet.Question> questions = set.questions();
            List<AssistantEvalSet.Model> askers = new ArrayList<>(set.models());
            String ask = System.getProperty("lab.ask");
            if (ask != null) {
                // "question|make|model|powertrain": one question, to see the lines that compete for it.
                // Several, separated by ";;".
                questions = new ArrayList<>();
                for (String one : ask.split(";;")) {
                    String[] parts = one.replace('_', ' ').split("\\|");
                    askers.add(new AssistantEvalSet.Model(parts[1], parts[2], 2025, parts[3]));
                    questions.add(new AssistantEvalSet.Question("ask", split, parts[0], parts[2], "-", List.of(List.of("\u0000"))));
                }
            }
            for (AssistantEvalSet.Question question : questions) {
                if (!split.equals("all") && !question.split().equals(split)) {
                    continue;
                }
                AssistantEvalSet.Model model = askers.stream().filter(m -> m.model().equalsIgnoreCase(question.vehicle()))
                        .findFirst().orElseThrow();
                Vehicle vehicle = new Vehicle(UUID.randomUUID(), UUID.randomUUID(), "LAB", model.make(), model.model(),
                        model.year(), model.powertrain(), 10_000, null, false, Instant.now(), Instant.now());
                float[] vector = rig.embedder.embedQuery(question.text());
                double routing = intents.classify(question.text(), vector).probability();
                Turn turn = new Turn(owner, UUID.randomUUID(), UUID.randomUUID(), question.text(), question.text(), vector,
                        PiiMasker.standard().session(), List.of(), "", List.of(vehicle),
                        new VehicleContext.Owned(vehicle, VehicleContext.Choice.ONLY_VEHICLE), FlowState.IDLE, null,
                        expected -> true, Instant.now().plusSeconds(45));
                cases.add(new Case(question, vector, routing, turn, answerer.ground(turn, routing)));
            }
            if (Boolean.getBoolean("lab.ceiling")) {
                int inPassages = 0;
                int[] inTop = new int[6];
                for (Case c : cases) {
                    String passages = String.join("\n", c.grounding().retrieval().hits().stream().map(h -> h.content()).toList());
                    inPassages += c.question().statedIn(passages) ? 1 : 0;
                    List<UnitSelector.Scored> ranked = new UnitSelector(LineRanker.load()).rank(c.question().text(), c.vector(),
                            c.grounding().retrieval(), models(rig, c.question())).scored();
                    for (int k = 1; k <= 5; k++) {
                        String lines = String.join("\n", ranked.stream().limit(k).map(x -> x.unit().text()).toList());
                        inTop[k] += c.question().statedIn(lines) ? 1 : 0;
                    }
                }
                OUT.printf(Locale.ROOT, "ceiling: facts in retrieved passages %.3f; in the top 1..5 lines %.3f %.3f %.3f %.3f %.3f%n",
                        (double) inPassages / cases.size(), (double) inTop[1] / cases.size(), (double) inTop[2] / cases.size(),
                        (double) inTop[3] / cases.size(), (double) inTop[4] / cases.size(), (double) inTop[5] / cases.size());
            }
            LineRanker ranker = System.getProperty("lab.ranker") == null ? LineRanker.load()
                    : new LineRanker(new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                            Path.of(System.getProperty("lab.ranker")).toFile(), LineRanker.Weights.class));
            if (Boolean.getBoolean("lab.fitLines")) {
                List<double[]> lines = new ArrayList<>();
                for (Case c : cases) {
                    for (UnitSelector.Scored line : new UnitSelector(ranker).rank(c.question().text(), c.vector(),
                            c.grounding().retrieval(), models(rig, c.question())).scored()) {
                        double[] row = java.util.Arrays.copyOf(line.features(), line.features().length + 1);
                        row[row.length - 1] = c.question().partlyStatedIn(line.unit().text()) ? 1 : 0;
                        lines.add(row);
                    }
                }
                ranker = LineRankerFit.fit(lines, setName + " " + split, Boolean.getBoolean("lab.write"),
                        System.getProperty("lab.saveRanker"), OUT);
            }
            List<double[]> features = new ArrayList<>();
            UnitSelector selector = new UnitSelector(ranker, new UnitSelector.Joining(
                    Double.parseDouble(System.getProperty("lab.ratio", "" + UnitSelector.Joining.TUNED.ratio())),
                    Integer.getInteger("lab.lines", UnitSelector.Joining.TUNED.maxLines())));
            int asked = 0;
            int stated = 0;
            int cited = 0;
            int retrievedFirst = 0;
            long length = 0;
            for (Case c : cases) {
                retrievedFirst += !c.grounding().retrieval().isEmpty()
                        && c.grounding().retrieval().hits().get(0).sourceName().equals(c.question().document()) ? 1 : 0;
                Selection selection = c.grounding().asksVehicle() ? new Selection(List.of(), Selection.Evidence.NONE)
                        : selector.select(c.question().text(), c.vector(), c.grounding().retrieval(), models(rig, c.question()));
                String text = selection.isEmpty() ? "" : ExtractiveAnswer.render(selection, new Citations(
                        selection.picked().stream().map(Selection.Picked::hit).toList(), c.grounding().retrieval().hits()), null);
                boolean isStated = c.question().statedIn(text);
                boolean isCited = !selection.isEmpty() && selection.lead().sourceName().equals(c.question().document());
                asked++;
                stated += isStated ? 1 : 0;
                cited += isCited ? 1 : 0;
                length += text.length();
                if (!selection.isEmpty()) {
                    ConfidenceModel.Features f = ConfidenceModel.Features.of(selection.evidence(), c.routing(),
                            selection.lead().model() == null ? 0.5 : 1);
                    features.add(new double[] {f.passageSimilarity(), f.lineSimilarity(), f.lineProbability(), f.coverage(),
                            f.margin(),
                            f.figureMissing(), f.quantityStated(), f.ownVehicleNamed(), f.intentProbability(), f.vehicleMatch(),
                            isStated ? 1 : 0});
                }
                if (!isStated && Boolean.getBoolean("lab.verbose")) {
                    OUT.printf("[%s %s] conf %.2f %s%s | %s | want %s %s%n", c.question().id(), c.question().vehicle(),
                            selection.isEmpty() ? 0.0 : ConfidenceModel.load().probability(ConfidenceModel.Features.of(
                                    selection.evidence(), c.routing(), selection.lead().model() == null ? 0.5 : 1)),
                            isCited ? "" : "CITE ", c.question().text(), selection.isEmpty() ? "-" : selection.lead().sourceName(),
                            c.question().document(), c.question().facts());
                    OUT.println("    answer: " + text.replace("\n", " ⏎ "));
                    OUT.println("    passages: " + String.join(" · ", c.grounding().retrieval().hits().stream().limit(6)
                            .map(h -> String.format(Locale.ROOT, "%s > %s (%.2f)", h.sourceName(), h.section(), h.vectorScore())).toList()));
                    UnitSelector.Ranking ranking = selector.rank(c.question().text(), c.vector(), c.grounding().retrieval(),
                            models(rig, c.question()));
                    ranking.scored().stream().limit(5).forEach(s -> OUT.printf(Locale.ROOT,
                            "    %.3f (sim %.3f cov %.2f%s p%d) %s: %s%n", s.score(), s.similarity(), s.coverage(),
                            s.figure() ? " #" : "", s.passage(), s.hit().sourceName(),
                            s.unit().text().replace("\n", " ").substring(0, Math.min(140, s.unit().text().length()))));
                }
            }
            OUT.printf(Locale.ROOT, "%s %s: %d questions, fact stated %.3f, cited first %.3f (best passage's document "
                    + "%.3f), mean answer %d chars%n", setName, split, asked, (double) stated / asked, (double) cited / asked,
                    (double) retrievedFirst / asked, length / asked);
            ConfidenceFit.report(OUT, features, setName + " " + split, Boolean.getBoolean("lab.write"));
        }
    }
}
