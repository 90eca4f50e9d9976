package com.genaiauto.platform.metrics;

import io.prometheus.client.dropwizard.samplebuilder.MapperConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one table from Dropwizard metric names to Prometheus families. Modules only follow the
 * naming convention {@code <base>.<label value>...} (label values from a bounded set, never ids
 * or free text, with no dots); this table says which segments are which labels. Dropwizard
 * metrics not listed here (JVM, Jetty, JDBI, Redis...) are exported under their sanitised names.
 */
public final class PrometheusNames {

    /**
     * One Prometheus family: the Dropwizard glob it comes from ({@code *} is one dotted segment),
     * its name, help text, labels (in segment order) and the factor applied to recorded values
     * (histograms of permille become ratios in 0..1; counts are never scaled).
     */
    public record Family(String match, String name, String help, List<String> labels, double scale) {

        public Family {
            labels = List.copyOf(labels);
            long wildcards = match.chars().filter(c -> c == '*').count();
            if (wildcards != labels.size()) {
                throw new IllegalArgumentException(match + " has " + wildcards + " wildcards for labels " + labels);
            }
        }

        MapperConfig mapperConfig() {
            Map<String, String> labelTemplates = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                labelTemplates.put(labels.get(i), "${" + i + "}");
            }
            return new MapperConfig(match, name, labelTemplates);
        }

        Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            for (String part : match.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append("[^.]*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }
    }

    private static final double PERMILLE = 0.001;

    public static final List<Family> FAMILIES = List.of(
            // HTTP, recorded by HttpMetricsFilter
            family("http.requests.*.*.*", "request_latency_seconds",
                    "Time to the response head of API requests, by method, route template and status class",
                    "method", "route", "status_class"),
            family("http.errors.*", "http_errors_total", "API responses with a 4xx or 5xx status", "status"),
            family("health.dependency_up.*", "dependency_up",
                    "1 when a dependency answers its health probe, 0 otherwise", "dependency"),
            // llm
            family("llm.requests.*.*.*", "llm_requests_total", "Model calls by provider, model and outcome",
                    "provider", "model", "status"),
            family("llm.latency.*.*", "llm_latency_seconds", "Model call latency by provider and model",
                    "provider", "model"),
            family("llm.tokens.*.*.*", "llm_tokens_total", "Tokens used by provider, model and type",
                    "provider", "model", "type"),
            family("llm.cost.*.*", "llm_cost_dollars_total", "Model spend in USD since the process started, by provider and model",
                    "provider", "model"),
            family("llm.key_cost.*", "llm_key_cost_dollars_total",
                    "Spend in USD since the process started of each API key that has a budget", "key"),
            family("llm.user_cost.*", "llm_user_cost_dollars_total",
                    "Spend in USD since the process started of the keys of each user who has a budget", "user"),
            family("llm.providers_configured", "llm_providers_configured",
                    "Remote model providers configured with what they need to be called"),
            family("llm.providers_available", "llm_providers_available",
                    "Remote model providers that can answer now: enabled, circuit not open"),
            family("llm.circuit_state.*", "llm_circuit_state",
                    "Circuit breaker state per provider: 0 closed, 1 open, 2 half-open", "provider"),
            family("llm.fallbacks", "llm_fallbacks_total", "Model calls answered by a later candidate"),
            family("cache.operations.*.*", "cache_operations_total", "Cache operations by operation and cache",
                    "operation", "cache_type"),
            // rag
            family("rag.search_latency", "rag_search_latency_seconds", "Knowledge-base search latency"),
            scaled("rag.similarity_score", "rag_similarity_score",
                    "Similarity of the best passage of each search, 0..1", PERMILLE),
            family("rag.result_count", "rag_search_results", "Passages returned per knowledge-base search"),
            family("rag.reindex_progress", "rag_reindex_progress", "Progress of the running reindex, 0..1"),
            family("rag.ingestion_jobs.*", "rag_ingestion_jobs",
                    "Ingestion jobs of all replicas by state (queued, running, done, failed), as kept in the database",
                    "state"),
            family("rag.ingestion_jobs_finished.*", "rag_ingestion_jobs_finished_total",
                    "Ingestion jobs this replica finished, by outcome", "outcome"),
            family("rag.ingestion_duration", "rag_ingestion_duration_seconds",
                    "Time from claim to end of the ingestion jobs this replica ran"),
            // conversations
            family("agent.routing.*.*", "agent_routing_total", "Messages routed to an agent by intent and method",
                    "intent", "method"),
            scaled("agent.routing_confidence", "agent_routing_confidence", "Confidence of the routing decision, 0..1",
                    PERMILLE),
            family("handoff.*", "human_handoff_total", "Conversations handed to a human, by reason", "reason"),
            family("handoff.webhook.*", "handoff_webhook_total", "Handoff notifications to the support webhook by outcome",
                    "outcome"),
            family("feedback.*", "user_feedback_total", "Feedback on answers by sentiment", "sentiment"),
            family("chat.sessions_active", "chat_sessions_active", "Chat sessions open on this replica"),
            family("task.completion.*.*", "task_completion_total", "Assistant tasks by task and outcome",
                    "task", "outcome"));

    private static final Map<Family, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        FAMILIES.forEach(family -> PATTERNS.put(family, family.pattern()));
    }

    private PrometheusNames() {
    }

    private static Family family(String match, String name, String help, String... labels) {
        return new Family(match, name, help, List.of(labels), 1.0);
    }

    private static Family scaled(String match, String name, String help, double scale) {
        return new Family(match, name, help, List.of(), scale);
    }

    public static List<MapperConfig> mapperConfigs() {
        return FAMILIES.stream().map(Family::mapperConfig).toList();
    }

    /** The family a Dropwizard metric belongs to, first match wins (as in the sample builder). */
    public static Optional<Family> forDropwizardName(String dropwizardName) {
        return PATTERNS.entrySet().stream().filter(entry -> entry.getValue().matcher(dropwizardName).matches())
                .map(Map.Entry::getKey).findFirst();
    }

    public static Optional<Family> forPrometheusName(String name) {
        return FAMILIES.stream().filter(family -> family.name().equals(name)).findFirst();
    }

    /** A Dropwizard name following the convention, each label value made safe for one segment. */
    public static String dropwizardName(String base, String... labelValues) {
        StringBuilder name = new StringBuilder(base);
        for (String value : labelValues) {
            name.append('.').append(segment(value));
        }
        return name.toString();
    }

    /** Letters, digits, {@code _} and {@code -} only; anything else (dots included) becomes {@code _}. */
    public static String segment(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        // Called for every metric update on hot paths: no regular expression, no copy when safe.
        char[] safe = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!allowed) {
                if (safe == null) {
                    safe = value.toCharArray();
                }
                safe[i] = '_';
            }
        }
        return safe == null ? value : new String(safe);
    }
}
