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
    }
}
