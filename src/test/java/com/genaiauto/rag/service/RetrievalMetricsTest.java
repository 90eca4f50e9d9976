package com.genaiauto.rag.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.genaiauto.rag.model.EvalQuestion;
import com.genaiauto.rag.model.EvalResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retrieval metrics")
class RetrievalMetricsTest {

    private final EvalQuestion question = new EvalQuestion("q1", "tyre pressure?", List.of("tyres"));

    @Test
    void shouldRankByDistinctDocuments() {
        EvalResult result = RetrievalMetrics.score(question, List.of("lights", "lights", "tyres", "tyres", "faq"), 5);
        assertThat(result.retrieved()).containsExactly("lights", "tyres", "faq");
        assertThat(result.firstHitRank()).isEqualTo(2);
        assertThat(result.reciprocalRank()).isEqualTo(0.5);
        assertThat(result.precisionAtK()).isEqualTo(0.4);
    }

    @Test
    void shouldScoreAMissAsZero() {
        EvalResult result = RetrievalMetrics.score(question, List.of("lights"), 5);
        assertThat(result.firstHitRank()).isNull();
        assertThat(result.reciprocalRank()).isZero();
    }

    @Test
    void shouldAverageHitRatesAndReciprocalRanks() {
        var summary = RetrievalMetrics.summarise(List.of(
                RetrievalMetrics.score(question, List.of("tyres"), 5),
                RetrievalMetrics.score(question, List.of("a", "b", "tyres"), 5),
                RetrievalMetrics.score(question, List.of("a"), 5)), 5);
        assertThat(summary.hitAt1()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(summary.hitAtK()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(summary.mrr()).isCloseTo((1 + 1 / 3.0) / 3, within(1e-9));
    }
}
