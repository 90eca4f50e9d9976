package com.genaiauto.llm.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation with a model. {@code role} is system, user, assistant or tool;
 * an assistant message may carry tool calls, a tool message answers one ({@code toolCallId}).
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (!List.of("system", "user", "assistant", "tool").contains(role)) {
            throw new IllegalArgumentException("unknown message role '" + role + "'");
        }
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, List.of(), null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content, List.of(), null);
    }

    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage("tool", content, List.of(), toolCallId);
    }

    public String textOrEmpty() {
        return content == null ? "" : content;
    }
}
