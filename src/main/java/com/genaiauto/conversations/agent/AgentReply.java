package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.turn.FlowState;
import java.util.List;

/**
 * An agent's answer: the text as shown, what kind of reply it is, who answered and how sure it is,
 * the documents it cites, the tools it called, whether a language model wrote it, the conversation's
 * flow state after it, and — when the agent wants a person to take over — why, with a note for that
 * person. Low confidence is judged by the orchestrator, and only for answers.
 */
public record AgentReply(String answer, Kind kind, String agent, double confidence, List<Source> sources,
                         List<ToolCall> toolCalls, boolean degraded, int promptTokens, int completionTokens,
                         FlowState state, HandoffReason handoff, String handoffNote) {

    /**
     * What a reply does: states facts about the car ({@code ANSWER}, which a person checks when the
     * assistant is unsure), carries out or proposes something with the owner's tools ({@code ACTION}),
     * or keeps the conversation going — a greeting, a question back, a hand-over notice ({@code CONVERSATION}).
     */
    public enum Kind { ANSWER, ACTION, CONVERSATION }

    public AgentReply {
        sources = sources == null ? List.of() : List.copyOf(sources);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        state = state == null ? FlowState.IDLE : state;
    }

    public static AgentReply text(String answer, String agent, double confidence) {
        return new AgentReply(answer, Kind.CONVERSATION, agent, confidence, List.of(), List.of(), false, 0, 0,
                FlowState.IDLE, null, null);
    }

    public AgentReply withHandoff(HandoffReason reason, String note) {
        return new AgentReply(answer, kind, agent, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                state, reason, note);
    }

    public AgentReply withState(FlowState next) {
        return new AgentReply(answer, kind, agent, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                next, handoff, handoffNote);
    }

    public AgentReply withToolCalls(List<ToolCall> calls) {
        return new AgentReply(answer, kind, agent, confidence, sources, calls, degraded, promptTokens, completionTokens,
                state, handoff, handoffNote);
    }

    public AgentReply withKind(Kind replyKind) {
        return new AgentReply(answer, replyKind, agent, confidence, sources, toolCalls, degraded, promptTokens,
                completionTokens, state, handoff, handoffNote);
    }

    /** The same reply with more text after it (an offer, a follow-up question). */
    public AgentReply withAppended(String text) {
        return new AgentReply(answer + text, kind, agent, confidence, sources, toolCalls, degraded, promptTokens,
                completionTokens, state, handoff, handoffNote);
    }

    public AgentReply withAgent(String name) {
        return new AgentReply(answer, kind, name, confidence, sources, toolCalls, degraded, promptTokens, completionTokens,
                state, handoff, handoffNote);
    }
}
