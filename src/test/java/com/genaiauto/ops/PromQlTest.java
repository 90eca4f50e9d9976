package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Metric names in PromQL expressions")
class PromQlTest {

    @Test
    void shouldFindSelectedMetricsButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("sum by (provider) (rate(llm_requests_total{status=~\"error|timeout\"}[5m]))"
                + " / sum by (provider) (rate(llm_requests_total[5m])) > 0.2"))
                .containsExactly("llm_requests_total");
        assertThat(PromQl.metricNames("count(llm_circuit_state) unless count(llm_circuit_state == 0) or vector(0)"))
                .containsExactly("llm_circuit_state");
        assertThat(PromQl.metricNames("max(up{job=\"genai-auto\"}) == 0 and on (instance) dependency_up offset 5m"))
                .containsExactly("dependency_up", "up");
        assertThat(PromQl.metricNames("histogram_quantile(0.95, x_bucket) * 1e3")).containsExactly("x_bucket");
    }
}
