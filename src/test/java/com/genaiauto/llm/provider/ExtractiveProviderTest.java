package com.genaiauto.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ContextPassage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Extractive responder")
class ExtractiveProviderTest {

    private static ChatRequest ask(String question, ContextPassage... passages) {
        return ChatRequest.builder().messages(List.of(ChatMessage.user(question))).context(List.of(passages)).build();
    }

    @Test
    void shouldQuoteTheBestSentencesWithTheirSources() {
        String answer = ExtractiveProvider.answer(ask("How often should the cabin filter be replaced?",
                new ContextPassage("Maintenance", "maintenance", "Replace the cabin filter every 15,000 km. "
                        + "Wash the car regularly.")));
        assertThat(answer).startsWith(ExtractiveProvider.NOTICE).contains("Replace the cabin filter every 15,000 km. [1: Maintenance]");
    }

    @Test
    void shouldQuoteTheTableOfTheBestPassageWhoseRowsShareNoWordsWithTheQuestion() {
        String answer = ExtractiveProvider.answer(ask("What tyre pressure for my Volta?", new ContextPassage(
                "Tyre pressures — Volta", "tyres", """
                        | Tyre size | Normal load front / rear |
                        |---|---|
                        | 215/55 R17 98V XL | 250 / 250 kPa (2.5 / 2.5 bar) |

                        Check the pressure of the tyres when they are cold.""")));
        assertThat(answer).contains("Check the pressure of the tyres when they are cold.")
                .contains("From Tyre pressures — Volta [1]:\n| Tyre size | Normal load front / rear |\n| 215/55 R17 98V XL | 250 / 250 kPa (2.5 / 2.5 bar) |")
                .doesNotContain("|---|");
    }

    @Test
    void shouldSaySoWhenNoPassageIsRelevant() {
        assertThat(ExtractiveProvider.answer(ask("What tyre pressure?"))).isEqualTo(ExtractiveProvider.NOTHING);
    }
}
