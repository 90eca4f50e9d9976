package com.genaiauto.llm.router;

import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.provider.ExtractiveProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Orders the candidates for a request: a pinned model, or the profile's configured list; past the
 * daily budget only the cheap profile's and free models remain. The extractive responder closes
 * every list when degraded answers are acceptable.
 */
public final class CandidateSelector {

    private final Map<String, ProviderSlot> slots;
    private final ProviderSlot extractive;
    private final Map<Profile, List<String>> profiles = new LinkedHashMap<>();

    public CandidateSelector(Map<String, ProviderSlot> slots, ProviderSlot extractive,
                             Map<String, List<String>> configuredProfiles) {
        this.slots = slots;
        this.extractive = extractive;
        configuredProfiles.forEach((name, list) -> profiles.put(Profile.parse(name), List.copyOf(list)));
    }

    public List<Candidate> candidates(ChatRequest request, boolean overBudget) {
        List<Candidate> ordered = new ArrayList<>();
        if (request.model() != null && !request.model().isBlank()) {
            ordered.addAll(pinned(request.model()));
        } else {
            for (String entry : profiles.getOrDefault(request.profile(), List.of())) {
                resolve(entry).ifPresent(ordered::add);
            }
        }
        if (overBudget) {
            List<String> cheap = profiles.getOrDefault(Profile.CHEAP, List.of());
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
                    : "No provider serves " + (request.model() == null ? "profile " + request.profile().wireName()
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
        return model != null && !model.isBlank() && !pinned(model).isEmpty();
    }

    /** True when at least one deployment the name resolves to is enabled with a breaker letting calls through. */
    public boolean canAnswerNow(String model) {
        return model != null && pinned(model).stream().anyMatch(candidate -> candidate.slot().canAnswerNow());
    }

    /** The model names a client may use right now: those of {@link #modelNames()} that can answer. */
    public List<String> availableModelNames() {
        return modelNames().stream().filter(this::canAnswerNow).toList();
    }

    /** Every model a client may name: the profiles that have a deployment, "provider/model" labels, extractive. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            if (knows(profile.wireName())) {
                names.add(profile.wireName());
            }
        }
        for (ProviderSlot slot : slots.values()) {
            for (String model : slot.models().keySet()) {
                names.add(slot.name() + "/" + model);
            }
        }
        names.add(ExtractiveProvider.NAME);
        return names;
    }

    private List<Candidate> pinned(String model) {
        String wanted = model.trim();
        if (wanted.equalsIgnoreCase(ExtractiveProvider.NAME) || wanted.equalsIgnoreCase(ExtractiveProvider.MODEL)) {
            return List.of(new Candidate(extractive, ExtractiveProvider.MODEL));
        }
        try {
            Profile profile = Profile.parse(wanted.toLowerCase(Locale.ROOT).replace("genai-auto/", ""));
            List<Candidate> list = new ArrayList<>();
            for (String entry : profiles.getOrDefault(profile, List.of())) {
                resolve(entry).ifPresent(list::add);
            }
            return list;
        } catch (IllegalArgumentException notAProfile) {
            // A model name, with or without its provider.
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

    private java.util.Optional<Candidate> resolve(String label) {
        int slash = label.indexOf('/');
        if (slash <= 0) {
            return java.util.Optional.empty();
        }
        ProviderSlot slot = slots.get(label.substring(0, slash));
        String model = label.substring(slash + 1);
        if (slot == null || !slot.models().containsKey(model)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Candidate(slot, model));
    }
}
