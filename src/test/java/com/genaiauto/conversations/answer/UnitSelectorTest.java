package com.genaiauto.conversations.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Choosing the lines that answer")
class UnitSelectorTest {

    private static final UnitSelector SELECTOR = new UnitSelector(LineRanker.load());
    private static final float[] QUESTION = {1, 0, 0};

    private static SearchHit passage(String source, String section, double vectorScore) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), source, DocumentType.MANUAL, source, section, "…",
                0.03, vectorScore, 0.1, 1, 1, null, null);
    }

    private static AnswerUnit unit(SearchHit hit, int ordinal, AnswerUnit.Kind kind, String text, String context,
                                   float[] vector) {
        return new AnswerUnit(hit.chunkId(), ordinal, kind, text, context, vector);
    }

    @Nested
    @DisplayName("a question that asks where")
    class Places {

        private final SearchHit battery = passage("orin-maintenance.docx", "12 V battery", 0.74);
        private final List<AnswerUnit> about = List.of(
                unit(battery, 0, AnswerUnit.Kind.SENTENCE, "The 12 V battery powers the locks, screens and control units.",
                        null, new float[] {0.98f, 0.2f, 0}),
                unit(battery, 1, AnswerUnit.Kind.SENTENCE, "The 12 V battery is charged from the traction battery.",
                        null, new float[] {0.975f, 0.22f, 0}),
                unit(battery, 2, AnswerUnit.Kind.SENTENCE, "A flat 12 V battery can stop the car from waking up.",
                        null, new float[] {0.97f, 0.24f, 0}),
                unit(battery, 3, AnswerUnit.Kind.SENTENCE, "The 12 V battery needs no maintenance between services.",
                        null, new float[] {0.965f, 0.26f, 0}));
        private final AnswerUnit place = unit(battery, 4, AnswerUnit.Kind.SENTENCE,
                "The 12 V battery sits under the cargo floor.", null, new float[] {0.95f, 0.31f, 0});

        private List<String> answer(String question, Retrieval retrieval) {
            return SELECTOR.select(question, QUESTION, retrieval).picked().stream().map(picked -> picked.unit().text()).toList();
        }

        @Test
        void shouldAnswerWithTheLineThatSaysWhereThoughOthersAreLikelier() {
            List<AnswerUnit> lines = new java.util.ArrayList<>(about);
            lines.add(place);
            Retrieval retrieval = new Retrieval(List.of(battery), Map.of(battery.chunkId(), lines), 0.74);

            assertThat(answer("where is the 12v battery", retrieval)).contains(place.text());
            assertThat(answer("what does the 12v battery do", retrieval)).doesNotContain(place.text());
        }

        @Test
        void shouldNotTakeThePlaceFromAnotherDocument() {
            SearchHit other = passage("van-roadside.html", "Jump-starting", 0.70);
            AnswerUnit elsewhere = unit(other, 0, AnswerUnit.Kind.SENTENCE,
                    "The battery is under the driver's seat plinth.", null, new float[] {0.95f, 0.31f, 0});
            Retrieval retrieval = new Retrieval(List.of(battery, other),
                    Map.of(battery.chunkId(), about, other.chunkId(), List.of(elsewhere)), 0.74);

            assertThat(answer("where is the 12v battery", retrieval)).doesNotContain(elsewhere.text());
        }
    }

    @Nested
    @DisplayName("a question that asks for a figure")
    class Figures {

        @Test
        void shouldLeadWithTheRowThatStatesItRatherThanASentenceThatOnlyNamesTheOwnersModel() {
            SearchHit schedule = passage("orin-maintenance.docx", "Maintenance > Engine oil", 0.72);
            SearchHit fluids = passage("orin-fluids.docx", "Fluids and capacities", 0.70);
            AnswerUnit aside = unit(schedule, 0, AnswerUnit.Kind.SENTENCE,
                    "On the Orin, short trips can leave up to 0.2 qt of fuel and water in the oil.", null,
                    new float[] {0.1f, 0.995f, 0});
            AnswerUnit row = unit(fluids, 0, AnswerUnit.Kind.TABLE_ROW, "| Engine oil, with filter | 4.4 US qt (4.2 L) |",
                    "| Fluid | Capacity |", new float[] {0.96f, 0.28f, 0});
            Retrieval retrieval = new Retrieval(List.of(schedule, fluids),
                    Map.of(schedule.chunkId(), List.of(aside), fluids.chunkId(), List.of(row)), 0.72);

            Selection selection = SELECTOR.select("oil capacity with filter?", QUESTION, retrieval,
                    new UnitSelector.Models("Orin", List.of()));

            assertThat(selection.picked().get(0).unit().text()).isEqualTo(row.text());
        }

        @Test
        void shouldStillLeadWithTheOwnersModelWhenItsLineIsAlmostAsProbable() {
            SearchHit general = passage("fluids-guide.md", "Engine oil", 0.74);
            SearchHit own = passage("orin-guide.md", "Engine oil", 0.72);
            AnswerUnit anyCar = unit(general, 0, AnswerUnit.Kind.SENTENCE, "Most engines hold about 5 qt of oil with the filter.",
                    null, new float[] {0.95f, 0.31f, 0});
            AnswerUnit orin = unit(own, 0, AnswerUnit.Kind.SENTENCE, "The Orin holds 4.4 qt of oil with the filter.",
                    null, new float[] {0.93f, 0.37f, 0});
            Retrieval retrieval = new Retrieval(List.of(general, own),
                    Map.of(general.chunkId(), List.of(anyCar), own.chunkId(), List.of(orin)), 0.74);

            Selection selection = SELECTOR.select("oil capacity with filter?", QUESTION, retrieval,
                    new UnitSelector.Models("Orin", List.of()));

            assertThat(selection.picked()).extracting(picked -> picked.unit().text()).containsExactly(orin.text());
        }
        @Test
        void shouldTakeTheFigureFromTheOwnersModelsOwnDocumentOverATableOfEveryModel() {
            SearchHit loads = passage("loads-guide.html", "Carrying loads", 0.74);
            SearchHit own = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Orin fuel", DocumentType.MANUAL,
                    "orin-fuel.html", "Fuel", "…", 0.03, 0.72, 0.1, 1, 1, "Acme", "Orin");
            AnswerUnit volumes = unit(loads, 0, AnswerUnit.Kind.TABLE_ROW, "| Boot volume | 468 litres | 410 litres |",
                    "| Space | Vela | Orin |", new float[] {0.8f, 0.6f, 0});
            AnswerUnit tank = unit(own, 0, AnswerUnit.Kind.TABLE_ROW, "| Fuel tank | 45 litres |", "| Item | Capacity |",
                    new float[] {0.9f, 0.436f, 0});
            Retrieval retrieval = new Retrieval(List.of(own, loads),
                    Map.of(loads.chunkId(), List.of(volumes), own.chunkId(), List.of(tank)), 0.74);

            Selection selection = SELECTOR.select("how many litres in the tank", QUESTION, retrieval,
                    new UnitSelector.Models("Orin", List.of("Vela")));

            assertThat(selection.picked().get(0).unit().text()).isEqualTo(tank.text());
        }

        @Test
        void shouldNotPreferAFigureWhenTheQuestionWantsAYesOrNo() {
            SearchHit guide = passage("towing-guide.pdf", "Towing > Recovery", 0.74);
            AnswerUnit rule = unit(guide, 0, AnswerUnit.Kind.SENTENCE,
                    "No vehicle of the range is approved for flat towing behind a motorhome.", null,
                    new float[] {0.97f, 0.24f, 0});
            AnswerUnit limit = unit(guide, 1, AnswerUnit.Kind.TABLE_ROW, "| Orin | 5,800 lb | 8,460 lb |",
                    "| Model | GVWR | GCWR |", new float[] {0.70f, 0.71f, 0});
            Retrieval retrieval = new Retrieval(List.of(guide), Map.of(guide.chunkId(), List.of(rule, limit)), 0.74);

            Selection selection = SELECTOR.select("can i flat tow it behind my rv", QUESTION, retrieval,
                    new UnitSelector.Models("Orin", List.of()));

            assertThat(selection.picked().get(0).unit().text()).isEqualTo(rule.text());
        }
    }

    @Nested
    @DisplayName("a FAQ's question as the best line")
    class Faq {

        @Test
        void shouldAnswerWithTheLinesUpToTheNextQuestion() {
            SearchHit faq = passage("faq.md", "Questions", 0.75);
            List<AnswerUnit> lines = List.of(
                    unit(faq, 0, AnswerUnit.Kind.SENTENCE, "Who do I contact if I'm unhappy with a dealer?", null,
                            new float[] {0.98f, 0.2f, 0}),
                    unit(faq, 1, AnswerUnit.Kind.SENTENCE, "First speak to the dealer's service manager.", null,
                            new float[] {0.5f, 0.86f, 0}),
                    unit(faq, 2, AnswerUnit.Kind.SENTENCE, "If that does not settle it, call Customer Relations on 0100 200 300.",
                            null, new float[] {0.45f, 0.89f, 0}),
                    unit(faq, 3, AnswerUnit.Kind.SENTENCE, "Can I service the car at any garage?", null,
                            new float[] {0.6f, 0.8f, 0}),
                    unit(faq, 4, AnswerUnit.Kind.SENTENCE, "Yes, if it follows the schedule.", null,
                            new float[] {0.3f, 0.95f, 0}));
            Retrieval retrieval = new Retrieval(List.of(faq), Map.of(faq.chunkId(), lines), 0.75);

            Selection selection = SELECTOR.select("dealer was useless, who do i contact", QUESTION, retrieval,
                    new UnitSelector.Models("Orin", List.of()));

            assertThat(selection.picked()).extracting(picked -> picked.unit().text())
                    .containsExactly(lines.get(0).text(), lines.get(1).text(), lines.get(2).text());
        }
    }
}
