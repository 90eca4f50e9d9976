package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.turn.FlowState;
import java.util.List;

/**
 * An agent's answer: the text as shown, who answered and how sure it is, the documents it cites,
 * the tools it called, whether a language model wrote it, the conversation's flow state after it,
 * and — when the agent wants a person to take over — why, with a note for that person.
 * Low confidence is judged by the orchestrator, not here.
 */
public record AgentReply(String answer, String agent, double confidence, List<Source> sources,
                         List<ToolCall> toolCalls, boolean degraded, int promptTokens, int completionTokens,
                         FlowState state, HandoffReason handoff, String handoffNote) {

    public AgentReply {
        sources = sources == null ? List.of() : List.copyOf(sources);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        state = state == null ? FlowState.IDLE : state;
    }

    public static AgentReply text(String answer, String agent, double confidence) {
        return new AgentReply(answer, agent, confidence, List.of(), List.of(), false, 0, 0, FlowState.IDLE, null, null);
    }

    public AgentReply withHandoff(HandoffReason reason, String note) {
        return new AgentReply(answer, agent, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                state, reason, note);
    }

    public AgentReply withState(FlowState next) {
        return new AgentReply(answer, agent, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                next, handoff, handoffNote);
    }

    public AgentReply withToolCalls(List<ToolCall> calls) {
        return new AgentReply(answer, agent, confidence, sources, calls, degraded, promptTokens, completionTokens,
                state, handoff, handoffNote);
    }

    /** The same reply with more text after it (an offer, a follow-up question). */
    public AgentReply withAppended(String text) {
        return new AgentReply(answer + text, agent, confidence, sources, toolCalls, degraded, promptTokens,
                completionTokens, state, handoff, handoffNote);
    }

    public AgentReply withAgent(String name) {
        return new AgentReply(answer, name, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                state, handoff, handoffNote);
    }
}
