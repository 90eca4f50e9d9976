package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.rag.model.AnswerUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer units of a chunk")
class AnswerUnitsTest {

    @Test
    void shouldSplitProseListsAndTablesIntoQuotableLines() {
        List<AnswerUnits.Draft> units = AnswerUnits.split("""
                Check the pressure monthly. Do it when the tyres are cold, before a long trip.

                - Remove the valve cap.
                - Inflate to the pressure on the door label.

                | Wheel | Front | Rear |
                | --- | --- | --- |
                | 17-inch | 2.5 bar | 2.3 bar |
                | 19-inch | 2.7 bar | 2.5 bar |""");
        assertThat(units).extracting(AnswerUnits.Draft::kind).containsExactly(AnswerUnit.Kind.SENTENCE,
                AnswerUnit.Kind.SENTENCE, AnswerUnit.Kind.LIST_ITEM, AnswerUnit.Kind.LIST_ITEM, AnswerUnit.Kind.TABLE_ROW,
                AnswerUnit.Kind.TABLE_ROW);
        assertThat(units.get(4).text()).isEqualTo("| 17-inch | 2.5 bar | 2.3 bar |");
        assertThat(units.get(4).context()).isEqualTo("| Wheel | Front | Rear |");
    }

    @Test
    void shouldJoinAFragmentToTheSentenceAfterIt() {
        List<AnswerUnits.Draft> units = AnswerUnits.split("Note: Use only the supplied cable for charging at home.");
        assertThat(units).hasSize(1);
    }

    @Test
    void shouldCutAnOverlongLineAtWordsWithoutLosingText() {
        String dump = "word ".repeat(400).strip();
        List<AnswerUnits.Draft> units = AnswerUnits.split(dump);
        assertThat(units).hasSizeGreaterThan(1).allSatisfy(unit -> assertThat(unit.text().length()).isLessThanOrEqualTo(600));
        assertThat(String.join(" ", units.stream().map(AnswerUnits.Draft::text).toList())).isEqualTo(dump);
    }
}
