package com.genaiauto.rag.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.rag.model.SearchHit;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer faithfulness for retrieval evaluations, judged by a language model: an answer is written
 * from the retrieved passages, then the model rates how much of it the passages support (0 to 1).
 * Only when a language model is configured; the extractive responder cannot judge.
 */
public final class FaithfulnessJudge {

    static final String ANSWER_PROMPT = "Answer the vehicle owner's question using only the passages provided. "
            + "If they do not contain the answer, say so.";
    static final String JUDGE_PROMPT = """
            You check answers for faithfulness. Given numbered passages and an answer, rate from 0 to 1 how much of
            the answer is supported by the passages (1: every statement is supported; 0: none is). An answer that
            says the passages do not cover the question is faithful. Reply with JSON only: {"faithfulness": <0..1>}""";
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmRouter router;

    public FaithfulnessJudge(LlmRouter router) {
        this.router = router;
    }

    public boolean available() {
        return router.hasLanguageModel();
    }

    /** The faithfulness of an answer written from {@code hits}; empty when no model could answer or judge. */
    public OptionalDouble judge(String question, List<SearchHit> hits) {
        if (!available() || hits.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<ContextPassage> passages = hits.stream()
                .map(hit -> new ContextPassage(hit.citation(), hit.sourceName(), hit.content())).toList();
        try {
            ChatResponse answer = router.complete(request(List.of(ChatMessage.system(ANSWER_PROMPT),
                    ChatMessage.user(question)), passages, 400));
            ChatResponse verdict = router.complete(request(List.of(ChatMessage.system(JUDGE_PROMPT),
                    ChatMessage.user("Answer to check:\n" + answer.content())), passages, 30));
            return parse(verdict.content());
        } catch (LlmException e) {
            return OptionalDouble.empty();
        }
    }

    private static ChatRequest request(List<ChatMessage> messages, List<ContextPassage> passages, int maxTokens) {
        return ChatRequest.builder().messages(messages).context(passages).profile(Profile.CHEAP).temperature(0.0)
                .maxTokens(maxTokens).deadline(Duration.ofSeconds(30)).allowDegraded(false).build();
    }

    static OptionalDouble parse(String content) {
        if (content == null) {
            return OptionalDouble.empty();
        }
        Matcher matcher = JSON_OBJECT.matcher(content);
        if (!matcher.find()) {
            return OptionalDouble.empty();
        }
        try {
            JsonNode value = JSON.readTree(matcher.group()).path("faithfulness");
            return value.isNumber() ? OptionalDouble.of(Math.max(0, Math.min(1, value.asDouble()))) : OptionalDouble.empty();
        } catch (Exception e) {
            // An unreadable verdict counts as no verdict.
            return OptionalDouble.empty();
        }
    }
}
