package com.genaiauto.conversations.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Extractive answers")
class ExtractiveAnswerTest {

    private static final SearchHit TYRES = hit("Volt — Tyres", "volt-tyres.md");
    private static final SearchHit FAQ = hit("Owner FAQ", "faq.md");

    private static SearchHit hit(String title, String source) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), title, DocumentType.MANUAL, source, title + " > Pressures",
                "…", 0.03, 0.8, 0.1, 1, 1, "Aster", null);
    }

    private static Selection.Picked line(SearchHit hit, AnswerUnit.Kind kind, String text, String context) {
        return new Selection.Picked(hit, new AnswerUnit(hit.chunkId(), 0, kind, text, context, null), 0.9);
    }

    @Test
    void shouldPutTheLinesFirstRenderRowsAsATableAndCiteEachDocumentOnce() {
        Selection selection = new Selection(List.of(
                line(TYRES, AnswerUnit.Kind.TABLE_ROW, "| 17-inch | 2.5 bar | 2.3 bar |", "| Wheel | Front | Rear |"),
                line(TYRES, AnswerUnit.Kind.TABLE_ROW, "| 19-inch | 2.7 bar | 2.5 bar |", "| Wheel | Front | Rear |"),
                line(FAQ, AnswerUnit.Kind.SENTENCE, "Check the pressures when the tyres are cold.", null)),
                Selection.Evidence.NONE);
        Citations citations = new Citations(List.of(TYRES, FAQ), List.of());
        String answer = ExtractiveAnswer.render(selection, citations, null);
        assertThat(answer).startsWith("Pressures:\n\n| Wheel | Front | Rear |\n| --- | --- | --- |\n| 17-inch | 2.5 bar | 2.3 bar |\n"
                + "| 19-inch | 2.7 bar | 2.5 bar |\n\n[1]\n\nCheck the pressures when the tyres are cold. [2]");
        assertThat(answer).endsWith(ExtractiveAnswer.QUOTED).doesNotContain("Volt — Tyres");
        assertThat(citations.sources()).extracting(source -> source.sourceName()).containsExactly("volt-tyres.md", "faq.md");
        assertThat(citations.sources()).extracting(source -> source.excerpt()).containsExactly("…", "…");
    }

    @Test
    void shouldSayFirstWhenTheLinesComeFromAnotherModel() {
        Selection selection = new Selection(List.of(line(TYRES, AnswerUnit.Kind.SENTENCE, "Inflate to 2.5 bar.", null)),
                Selection.Evidence.NONE);
        String answer = ExtractiveAnswer.render(selection, new Citations(List.of(TYRES), List.of()), "For the Aster Volt:");
        assertThat(answer).startsWith("For the Aster Volt:\n\nPressures:\nInflate to 2.5 bar. [1]");
    }

    @Test
    void shouldNameTheHeadingEachRunOfLinesSitsUnderUnlessALineSaysItAlready() {
        SearchHit symbol = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Warning lights", DocumentType.MANUAL,
                "lights.md", "Warning lights > Amber lights > Tire Pressure Monitoring System (TPMS) Light", "…", 0.03, 0.8,
                0.1, 1, 1, null, null);
        SearchHit brake = new SearchHit(UUID.randomUUID(), symbol.documentId(), "Warning lights", DocumentType.MANUAL,
                "lights.md", "Warning lights > Red lights > Brake System Warning Light", "…", 0.03, 0.7, 0.1, 1, 1, null, null);
        Selection selection = new Selection(List.of(
                line(symbol, AnswerUnit.Kind.SENTENCE, "Symbol: A horseshoe with an exclamation mark inside.", null),
                line(symbol, AnswerUnit.Kind.SENTENCE, "Steady: one or more tires are under-inflated.", null),
                line(brake, AnswerUnit.Kind.SENTENCE, "The brake system warning light stays on with the parking brake set.", null)),
                Selection.Evidence.NONE);

        String answer = ExtractiveAnswer.render(selection, new Citations(List.of(symbol), List.of()), null);

        assertThat(answer).startsWith("Tire Pressure Monitoring System (TPMS) Light:\nSymbol: A horseshoe with an exclamation "
                + "mark inside. Steady: one or more tires are under-inflated.\n\nThe brake system warning light stays on");
    }

    @Test
    void shouldGiveAModelTheLinesUnderTheirHeadingsWithTheirCitationAndNothingElse() {
        SearchHit pressures = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Tyres", DocumentType.MANUAL, "tyres.md",
                "Tyres > Tyre pressures", "…", 0.03, 0.8, 0.1, 1, 1, null, null);
        SearchHit checking = new SearchHit(UUID.randomUUID(), pressures.documentId(), "Tyres", DocumentType.MANUAL, "tyres.md",
                "Tyres > Checking the pressures", "…", 0.03, 0.7, 0.1, 1, 1, null, null);
        Selection selection = new Selection(List.of(
                line(pressures, AnswerUnit.Kind.TABLE_ROW, "| 17-inch | 2.5 bar |", "| Wheel | Front |"),
                line(checking, AnswerUnit.Kind.SENTENCE, "Check the pressures when the tyres are cold.", null)),
                Selection.Evidence.NONE);

        String lines = ExtractiveAnswer.lines(selection, new Citations(List.of(pressures), List.of()));

        assertThat(lines).isEqualTo("Tyre pressures:\n\n| Wheel | Front |\n| --- | --- |\n| 17-inch | 2.5 bar |\n\n"
                + "Checking the pressures:\nCheck the pressures when the tyres are cold. [1]");
    }

    @Test
    void shouldNameASectionsHeadingOnceAboveASentenceAndTheTableItIntroduces() {
        Selection selection = new Selection(List.of(
                line(TYRES, AnswerUnit.Kind.SENTENCE, "Cold inflation by wheel size:", null),
                line(TYRES, AnswerUnit.Kind.TABLE_ROW, "| 17-inch | 2.5 bar | 2.3 bar |", "| Wheel | Front | Rear |")),
                Selection.Evidence.NONE);

        String answer = ExtractiveAnswer.render(selection, new Citations(List.of(TYRES), List.of()), null);

        assertThat(answer).startsWith("Pressures:\nCold inflation by wheel size:\n\n| Wheel | Front | Rear |");
    }

    @Test
    void shouldLeaveABlankLineBetweenATableAndTheNextSectionsHeading() {
        SearchHit other = new SearchHit(UUID.randomUUID(), TYRES.documentId(), "Volt — Tyres", DocumentType.MANUAL,
                "volt-tyres.md", "Volt — Tyres > Checking", "…", 0.03, 0.7, 0.1, 1, 1, "Aster", null);
        Selection selection = new Selection(List.of(
                line(TYRES, AnswerUnit.Kind.TABLE_ROW, "| 17-inch | 2.5 bar | 2.3 bar |", "| Wheel | Front | Rear |"),
                line(other, AnswerUnit.Kind.SENTENCE, "Check them cold.", null)), Selection.Evidence.NONE);

        String answer = ExtractiveAnswer.render(selection, new Citations(List.of(TYRES), List.of()), null);

        assertThat(answer).contains("| 17-inch | 2.5 bar | 2.3 bar |\n\nChecking:\nCheck them cold. [1]");
    }

    @Test
    void shouldKnowTheKindOfFigureAQuestionAsksFor() {
        assertThat(Quantity.askedIn("how much air goes in the spare")).contains(Quantity.PRESSURE);
        assertThat(Quantity.askedIn("how much oil does it hold")).contains(Quantity.VOLUME);
        assertThat(Quantity.askedIn("how often should the coolant be changed")).contains(Quantity.INTERVAL);
        assertThat(Quantity.askedIn("what oil does it take")).contains(Quantity.SPECIFICATION);
        assertThat(Quantity.statedIn("| Spare | 60 psi (420 kPa) |", Quantity.askedIn("how much air in the spare"))).isTrue();
        assertThat(Quantity.statedIn("Do not exceed 50 mph.", Quantity.askedIn("how much air in the spare"))).isFalse();
    }
}
