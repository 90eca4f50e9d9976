package com.genaiauto.conversations.service.agent;

import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.List;

/** Answers from the manuals only, citing them; says so plainly when the manuals do not cover the question. */
public final class SpecsAgent implements ChatAgent {

    static final String PROMPT = """
            You are the owner's-manual assistant of Kestrel Motors. Answer the owner's question using only the
            numbered passages provided. Cite the passages you use by their title in square brackets. If the passages
            do not contain the answer, say that the manuals do not cover it and offer to connect a support agent.
            Be concise and concrete (figures with their units). Never invent specifications.""";
    static final String UNKNOWN = "I couldn't find that in the manuals I have, so I'd rather not guess. "
            + "I can connect you with a support agent who can check it for you.";

    private final KnowledgeBase knowledgeBase;
    private final AnswerWriter writer;

    public SpecsAgent(KnowledgeBase knowledgeBase, AnswerWriter writer) {
        this.knowledgeBase = knowledgeBase;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "specs";
    }

    @Override
    public AgentReply answer(Turn turn, TokenSink sink) {
        List<SearchHit> hits = Sources.retrieve(knowledgeBase, turn.maskedText(), turn.vehicle(), null, 4);
        if (hits.isEmpty()) {
            sink.all(UNKNOWN);
            return AgentReply.text(UNKNOWN, name(), 0.3);
        }
        AnswerWriter.Written written = writer.write(turn, PROMPT, Sources.passages(hits), sink);
        String handoff = written.failed() || (written.degraded() && writer.hasLanguageModel()) ? "providers_unavailable" : null;
        return new AgentReply(written.text(), name(), Sources.confidence(hits), Sources.cited(hits), List.of(),
                written.degraded(), written.promptTokens(), written.completionTokens(), handoff);
    }
}
