package com.genaiauto.conversations.agent;

import java.util.Map;

/** A call an agent made to the customers module's tools on the owner's behalf, as stored with the answer. */
public record ToolCall(String name, Map<String, String> arguments, Map<String, String> result) {

    public ToolCall {
        arguments = Map.copyOf(arguments);
        result = Map.copyOf(result);
    }
}
