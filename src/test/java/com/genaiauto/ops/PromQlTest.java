package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("What PromQL expressions read")
class PromQlTest {

    @Nested
    @DisplayName("metric names")
    class Names {

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

    @Nested
    @DisplayName("selectors")
    class Selectors {

        @Test
        void shouldKeepLabelMatchersAndDropRangesAndOffsets() {
            assertThat(PromQl.selectors("sum(rate(cache_operations_total{operation=\"hit\"}[30m]))"
                    + " / sum(rate(cache_operations_total{operation=~\"hit|miss\"}[30m] offset 1h)) < 0.1"))
                    .containsExactly("cache_operations_total{operation=\"hit\"}",
                            "cache_operations_total{operation=~\"hit|miss\"}");
        }

        @Test
        void shouldLeaveOutLabelListsOfAggregationsAndMatchingAndNumbers() {
            assertThat(PromQl.selectors("sum by (instance) (pg_stat_activity_count)\n  / on (instance) group_left(job)"
                    + " max by (instance) (pg_settings_max_connections) > 0.8"))
                    .containsExactly("pg_stat_activity_count", "pg_settings_max_connections");
            assertThat(PromQl.selectors("predict_linear(node_filesystem_avail_bytes{fstype!~\"tmpfs|ramfs\"}[6h], 24 * 3600) < 0"))
                    .containsExactly("node_filesystem_avail_bytes{fstype!~\"tmpfs|ramfs\"}");
            assertThat(PromQl.selectors("vector(1)")).isEmpty();
        }

        @Test
        void shouldNotTakeWordsInsideMatcherValuesForMetrics() {
            assertThat(PromQl.selectors("up{job=~\"node|postgres|redis\", instance!=\"a{b}\"} == 0"))
                    .containsExactly("up{job=~\"node|postgres|redis\", instance!=\"a{b}\"}");
        }
    }

    @Nested
    @DisplayName("thresholds")
    class Thresholds {

        @Test
        void shouldTurnEveryComparisonIntoABoolComparison() {
            assertThat(PromQl.withoutThresholds("llm_providers_configured > 0 and llm_providers_available == 0"))
                    .isEqualTo("llm_providers_configured > bool 0 and llm_providers_available == bool 0");
            assertThat(PromQl.withoutThresholds("a < max_over_time(a[24h]) and on (instance) b{role=\"master\"}"))
                    .isEqualTo("a < bool max_over_time(a[24h]) and on (instance) b{role=\"master\"}");
            assertThat(PromQl.withoutThresholds("x >= bool 1 or y != 2"))
                    .isEqualTo("x >= bool 1 or y != bool 2");
        }

        @Test
        void shouldLeaveMatchersAloneAndDropWhatUnlessTakesAway() {
            assertThat(PromQl.withoutThresholds("x{a!=\"1\",b=~\"2\"} == 1\n  unless on (instance) y{target=\"remote\"}"))
                    .isEqualTo("x{a!=\"1\",b=~\"2\"} == bool 1");
            assertThat(PromQl.withoutThresholds("count(x unless y) > 0")).isEqualTo("count(x unless y) > bool 0");
            assertThat(PromQl.withoutThresholds("vector(1)")).isEqualTo("vector(1)");
        }
    }
}
