package com.genaiauto.conversations.service.agent;

import com.genaiauto.conversations.service.pii.StreamingRestorer;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.router.LlmRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Has the router write an answer from masked messages and grounding passages, streaming it to the
 * owner with personal data restored. With no language model available the router's extractive
 * responder answers from the passages, and the result says it is degraded.
 */
public final class AnswerWriter {

    private final LlmRouter router;
    private final Duration deadline;

    public AnswerWriter(LlmRouter router, Duration deadline) {
        this.router = router;
        this.deadline = deadline;
    }

    public boolean hasLanguageModel() {
        return router.hasLanguageModel();
    }

    public Written write(Turn turn, String systemPrompt, List<ContextPassage> context, TokenSink sink) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt + (turn.maskedContext().isBlank() ? "" : "\n\n" + turn.maskedContext())));
        messages.addAll(turn.maskedHistory());
        messages.add(ChatMessage.user(turn.maskedText()));
        ChatRequest request = ChatRequest.builder().messages(messages).profile(Profile.BALANCED).temperature(0.2)
                .maxTokens(600).context(context).deadline(deadline).allowDegraded(true)
                .attribution(turn.attribution()).build();
        StreamingRestorer restorer = turn.pii().streamingRestorer();
        StringBuilder shown = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        router.stream(request, new StreamListener() {
            @Override
            public void delta(String text) {
                emit(restorer.push(text));
            }

            @Override
            public void completed(ChatResponse response) {
                emit(restorer.finish());
                done.complete(response);
            }

            @Override
            public void failed(LlmException error, boolean afterOutput) {
                emit(restorer.finish());
                done.completeExceptionally(error);
            }

            private void emit(String text) {
                if (text != null && !text.isEmpty()) {
                    shown.append(text);
                    sink.token(text);
                }
            }
        });
        try {
            ChatResponse response = done.get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return new Written(shown.toString(), response.degraded(), response.usage().promptTokens(),
                    response.usage().completionTokens(), false);
        } catch (ExecutionException | TimeoutException e) {
            return new Written(shown.toString(), true, 0, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Written(shown.toString(), true, 0, 0, true);
        }
    }

    /** The answer as shown, whether a language model wrote it, its token counts, and whether it failed outright. */
    public record Written(String text, boolean degraded, int promptTokens, int completionTokens, boolean failed) {
    }
}
