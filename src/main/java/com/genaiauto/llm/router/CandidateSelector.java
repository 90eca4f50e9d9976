package com.genaiauto.llm.router;

import com.genaiauto.llm.LlmConfig;
import com.genaiauto.llm.governance.Governance;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.provider.ExtractiveProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders the candidates for a request. A model name is an alias (its groups in order, load
 * spread within each), a "provider/model" deployment, or a bare model id; without one the
 * request's profile names the alias. Past the daily budget only the {@code cheap} alias's and
 * free deployments remain. The extractive responder closes every list when degraded answers are
 * acceptable. Deployments whose provider is not configured (no key) are left out.
 */
public final class CandidateSelector {

    private static final String CHEAP = Profile.CHEAP.wireName();

    private final Map<String, ProviderSlot> slots;
    private final ProviderSlot extractive;
    private final Map<String, List<DeploymentGroup>> aliases = new LinkedHashMap<>();

    public CandidateSelector(Map<String, ProviderSlot> slots, ProviderSlot extractive,
                             Map<String, List<LlmConfig.AliasGroup>> configuredAliases) {
        this.slots = slots;
        this.extractive = extractive;
        configuredAliases.forEach((name, groups) -> {
            List<DeploymentGroup> resolved = new ArrayList<>();
            for (LlmConfig.AliasGroup group : groups) {
                List<DeploymentGroup.Member> members = new ArrayList<>();
                for (LlmConfig.DeploymentRef ref : group.deployments()) {
                    resolve(ref.deployment()).ifPresent(candidate ->
                            members.add(new DeploymentGroup.Member(candidate, ref.weight())));
                }
                if (!members.isEmpty()) {
                    resolved.add(new DeploymentGroup(group.balance(), members));
                }
            }
            if (!resolved.isEmpty()) {
                aliases.put(name.toLowerCase(Locale.ROOT), List.copyOf(resolved));
            }
        });
    }

    public List<Candidate> candidates(ChatRequest request, boolean overBudget) {
        List<Candidate> ordered = new ArrayList<>(request.model() != null && !request.model().isBlank()
                ? pinned(request.model()) : alias(request.profile().wireName()));
        if (overBudget) {
            Set<String> cheap = deploymentsOf(CHEAP);
            ordered.removeIf(candidate -> !cheap.contains(candidate.label())
                    && !candidate.slot().isFree(candidate.model()));
        }
        boolean pinnedToExtractive = ordered.stream().anyMatch(c -> c.slot() == extractive);
        if (request.allowDegraded() && !pinnedToExtractive) {
            ordered.add(new Candidate(extractive, ExtractiveProvider.MODEL));
        }
        if (ordered.isEmpty()) {
            throw new LlmException(LlmException.Kind.NO_PROVIDER, overBudget
                    ? "The daily LLM budget is spent and no cheap model is configured."
                    : "No provider serves " + (request.model() == null ? "alias " + request.profile().wireName()
                    : "model " + request.model()) + ".");
        }
        return ordered;
    }

    /** True when at least one real language model (not the extractive responder) is enabled. */
    public boolean hasLanguageModel() {
        return slots.values().stream().anyMatch(ProviderSlot::isEnabled);
    }

    /**
     * True when the name resolves to at least one configured deployment, whether or not it can
     * answer at this moment; an unknown name is the client's mistake, an unavailable one is not.
     */
    public boolean knows(String model) {
        return model != null && !model.isBlank() && !resolveName(model).isEmpty();
    }

    /** True when at least one deployment the name resolves to is enabled with a breaker letting calls through. */
    public boolean canAnswerNow(String model) {
        return model != null && resolveName(model).stream().anyMatch(candidate -> candidate.slot().canAnswerNow());
    }

    /** The model names a client may use right now: those of {@link #modelNames()} that can answer. */
    public List<String> availableModelNames() {
        return modelNames().stream().filter(this::canAnswerNow).toList();
    }

    /** Every model a client may name: the aliases with a deployment, "provider/model" labels, extractive. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>(aliases.keySet());
        for (ProviderSlot slot : slots.values()) {
            for (String model : slot.models().keySet()) {
                names.add(slot.name() + "/" + model);
            }
        }
        names.add(ExtractiveProvider.NAME);
        return names;
    }

    /** The dearest prices among the deployments a name may reach: what a budget reserves for a call. */
    public Governance.Price priceOf(String model) {
        double input = 0;
        double output = 0;
        for (Candidate candidate : resolveName(model)) {
            LlmConfig.ModelConfig prices = candidate.slot().models().get(candidate.model());
            if (prices != null) {
                input = Math.max(input, prices.inputPricePerMillion());
                output = Math.max(output, prices.outputPricePerMillion());
            }
        }
        return new Governance.Price(input, output);
    }

    /** What an answer cost in USD: nothing when it came from the cache or the extractive responder. */
    public double costOf(ChatResponse answer) {
        ProviderSlot slot = slots.get(answer.provider());
        if (answer.cached() || slot == null) {
            return 0;
        }
        return slot.cost(answer.model(), answer.usage().promptTokens(), answer.usage().completionTokens());
    }

    /** Each alias's groups as "provider/model" labels, for the status endpoint. */
    public Map<String, List<List<String>>> aliasLabels() {
        Map<String, List<List<String>>> labels = new LinkedHashMap<>();
        aliases.forEach((name, groups) -> labels.put(name, groups.stream()
                .map(group -> group.members().stream().map(member -> member.candidate().label()).toList())
                .toList()));
        return labels;
    }

    private List<Candidate> pinned(String model) {
        String wanted = model.trim();
        if (isExtractive(wanted)) {
            return List.of(new Candidate(extractive, ExtractiveProvider.MODEL));
        }
        List<DeploymentGroup> groups = aliases.get(aliasKey(wanted));
        if (groups != null) {
            return alias(aliasKey(wanted));
        }
        List<Candidate> found = new ArrayList<>();
        resolve(wanted).ifPresent(found::add);
        if (found.isEmpty()) {
            for (ProviderSlot slot : slots.values()) {
                if (slot.models().containsKey(wanted)) {
                    found.add(new Candidate(slot, wanted));
                }
            }
        }
        return found;
    }

    /** Every deployment the name could be served by, without spending a load-balancing turn. */
    private List<Candidate> resolveName(String model) {
        String wanted = model.trim();
        List<DeploymentGroup> groups = aliases.get(aliasKey(wanted));
        if (groups != null) {
            return groups.stream().flatMap(group -> group.members().stream()).map(DeploymentGroup.Member::candidate)
                    .toList();
        }
        return pinned(wanted);
    }

    private List<Candidate> alias(String name) {
        List<Candidate> ordered = new ArrayList<>();
        for (DeploymentGroup group : aliases.getOrDefault(name, List.of())) {
            ordered.addAll(group.ordered());
        }
        return ordered;
    }

    private Set<String> deploymentsOf(String alias) {
        Set<String> labels = new LinkedHashSet<>();
        for (DeploymentGroup group : aliases.getOrDefault(alias, List.of())) {
            group.members().forEach(member -> labels.add(member.candidate().label()));
        }
        return labels;
    }

    private static String aliasKey(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("genai-auto/") ? lower.substring("genai-auto/".length()) : lower;
    }

    private static boolean isExtractive(String name) {
        return name.equalsIgnoreCase(ExtractiveProvider.NAME) || name.equalsIgnoreCase(ExtractiveProvider.MODEL);
    }

    private Optional<Candidate> resolve(String label) {
        int slash = label.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        ProviderSlot slot = slots.get(label.substring(0, slash));
        String model = label.substring(slash + 1);
        if (slot == null || !slot.models().containsKey(model)) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(slot, model));
    }
}
