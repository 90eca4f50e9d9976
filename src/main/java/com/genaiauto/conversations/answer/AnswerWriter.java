package com.genaiauto.conversations.answer;

import com.genaiauto.conversations.agent.TokenSink;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.pii.StreamingRestorer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Has a language model write an answer from masked messages and grounding passages, streaming it
 * to the owner with personal data restored. It never takes the router's own extractive fallback:
 * when no model answers, the caller quotes the manual itself (it knows which lines answer).
 */
public final class AnswerWriter {

    private final LlmRouter router;
    private final Duration deadline;
    private final AnswerCache cache;
    private final Clock clock;
    /** Less time than this left: not worth starting a model call, the manual is quoted at once. */
    private static final Duration MINIMUM = Duration.ofSeconds(1);

    /** {@code cache} may be null: every answer is written. The turn's deadline is read on {@code clock}. */
    public AnswerWriter(LlmRouter router, Duration deadline, AnswerCache cache, Clock clock) {
        this.router = router;
        this.deadline = deadline;
        this.cache = cache;
        this.clock = clock;
    }

    public boolean hasLanguageModel() {
        return router.hasLanguageModel();
    }

    /** {@code scope} identifies the answer for the answer cache; null when it must not be cached. */
    public Written write(Turn turn, String systemPrompt, List<ContextPassage> context, AnswerCache.Scope scope,
                         TokenSink sink) {
        // What is left of the turn after routing, never more than the writer's own deadline: when
        // every provider hangs, the manual's answer still comes by the turn's deadline.
        Duration deadline = turn.answerBy() == null ? this.deadline
                : min(this.deadline, Duration.between(clock.instant(), turn.answerBy()));
        if (deadline.compareTo(MINIMUM) < 0) {
            return new Written("", true, 0, 0, true);
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt + (turn.maskedContext().isBlank() ? "" : "\n\n" + turn.maskedContext())));
        messages.addAll(turn.maskedHistory());
        messages.add(ChatMessage.user(turn.maskedText()));
        Optional<String> cacheKey = cache == null ? Optional.empty() : cache.keyFor(messages.get(0).textOrEmpty(),
                turn.maskedHistory(), !turn.pii().originals().isEmpty(), scope);
        Optional<String> cached = cacheKey.flatMap(key -> cache.get(key, scope));
        if (cached.isPresent()) {
            sink.token(cached.get());
            return new Written(cached.get(), false, 0, 0, false);
        }
        StringBuilder raw = new StringBuilder();
        ChatRequest request = ChatRequest.builder().messages(messages).profile(Profile.BALANCED).temperature(0.2)
                .maxTokens(600).context(context).deadline(deadline).allowDegraded(false)
                .attribution(turn.attribution()).build();
        StreamingRestorer restorer = turn.pii().streamingRestorer();
        StringBuilder shown = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        router.stream(request, new StreamListener() {
            @Override
            public void delta(String text) {
                raw.append(text);
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
            if (cacheKey.isPresent() && !response.degraded()) {
                cache.put(cacheKey.get(), scope, raw.toString());
            }
            return new Written(shown.toString(), response.degraded(), response.usage().promptTokens(),
                    response.usage().completionTokens(), false);
        } catch (ExecutionException | TimeoutException e) {
            return new Written(shown.toString(), true, 0, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Written(shown.toString(), true, 0, 0, true);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The answer as shown, whether it is degraded, its token counts, and whether the model failed outright. */
    public record Written(String text, boolean degraded, int promptTokens, int completionTokens, boolean failed) {
    }
}
