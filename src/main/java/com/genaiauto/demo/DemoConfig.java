package com.genaiauto.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the demo data is loaded at start-up (SEED_DEMO_DATA). */
public class DemoConfig {

    @JsonProperty
    private boolean seedOnStart = false;

    public boolean seedOnStart() {
        return seedOnStart;
    }
}
