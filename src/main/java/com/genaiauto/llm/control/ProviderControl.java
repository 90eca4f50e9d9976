package com.genaiauto.llm.control;

/** An operator's standing orders for one provider: off or on, and its breaker held open or left to itself. */
public record ProviderControl(String provider, boolean enabled, boolean forcedOpen) {

    public static ProviderControl defaults(String provider) {
        return new ProviderControl(provider, true, false);
    }

    // For the DAO's @BindMethods.
    public String circuit() {
        return forcedOpen ? "forced_open" : "auto";
    }
}
