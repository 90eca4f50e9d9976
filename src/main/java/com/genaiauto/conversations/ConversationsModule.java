package com.genaiauto.conversations;

import io.dropwizard.core.setup.Environment;

/** Chat sessions, the orchestrator and its agents, handoff and the chat page. Arrives with the assistant work. */
public final class ConversationsModule {

    private final ConversationsConfig config;

    public ConversationsModule(ConversationsConfig config) {
        this.config = config;
    }

    public void register(Environment environment) {
        // Nothing to expose yet; the module exists so its tables and API have a home.
    }

    ConversationsConfig config() {
        return config;
    }
}
