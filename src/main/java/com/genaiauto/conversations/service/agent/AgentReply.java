package com.genaiauto.conversations.service.agent;

import com.genaiauto.conversations.model.Source;
import java.util.List;
import java.util.Map;

/**
 * An agent's answer. {@code handoffReason} asks the orchestrator to hand the conversation to a
 * human (safety, user_request, providers_unavailable); low confidence is judged by the orchestrator.
 */
public record AgentReply(String answer, String agent, double confidence, List<Source> sources,
                         List<Map<String, Object>> toolCalls, boolean degraded, int promptTokens,
                         int completionTokens, String handoffReason) {

    public AgentReply {
        sources = sources == null ? List.of() : List.copyOf(sources);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static AgentReply text(String answer, String agent, double confidence) {
        return new AgentReply(answer, agent, confidence, List.of(), List.of(), false, 0, 0, null);
    }

    public AgentReply withHandoff(String reason) {
        return new AgentReply(answer, agent, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                reason);
    }

    public AgentReply withToolCalls(List<Map<String, Object>> calls) {
        return new AgentReply(answer, agent, confidence, sources, calls, degraded, promptTokens, completionTokens,
                handoffReason);
    }
}
