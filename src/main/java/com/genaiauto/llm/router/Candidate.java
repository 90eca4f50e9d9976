package com.genaiauto.llm.router;

/** One provider and model the router may try for a request, in order. */
public record Candidate(ProviderSlot slot, String model) {

    public String label() {
        return slot.name() + "/" + model;
    }
}
