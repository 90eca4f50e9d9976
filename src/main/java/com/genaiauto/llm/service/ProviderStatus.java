package com.genaiauto.llm.service;

import com.genaiauto.llm.router.ProviderSlot;
import java.util.List;
import java.util.Locale;

/**
 * A provider as operators see it on this replica: whether it is in the routing, its breaker's
 * state ({@code closed}, {@code open}, {@code half_open}, {@code forced_open}), and whether it has
 * operator switches at all (the local extractive responder has none).
 */
public record ProviderStatus(String name, String type, boolean enabled, boolean switchable, String circuit,
                             float failureRate, int inFlight, List<String> models) {

    public ProviderStatus {
        models = List.copyOf(models);
    }

    public static ProviderStatus of(ProviderSlot slot, boolean switchable) {
        return new ProviderStatus(slot.name(), slot.provider().type(), slot.isEnabled(), switchable,
                slot.breaker().getState().name().toLowerCase(Locale.ROOT),
                slot.breaker().getMetrics().getFailureRate(), slot.inFlight(), List.copyOf(slot.models().keySet()));
    }
}
