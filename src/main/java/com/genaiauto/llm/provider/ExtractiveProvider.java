package com.genaiauto.llm.provider;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.model.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The last resort, needing no network: answers by quoting the sentences of the given passages
 * and tool results that share the most words with the question, with their sources, and says
 * plainly that no language model wrote it. Without passages it says it cannot answer.
 */
public final class ExtractiveProvider implements LlmProvider {

    public static final String NAME = "extractive";
    public static final String MODEL = "extractive-v1";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for",
            "is", "are", "my", "i", "it", "what", "how", "do", "does", "can", "with", "be", "this", "that",
            "when", "should", "which", "at", "from", "by", "me", "you", "your", "there", "why", "if", "was");
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_TABLE_ROWS = 8;
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*\\|.*\\|\\s*$");

    static final String NOTICE = "(Automatic answer from the manuals: no language model is available right now, "
            + "so this quotes the most relevant passages.)";
    /** When a client asked for this model by name: nothing is unavailable, it is simply not a language model. */
    static final String PINNED_NOTICE = "(Extractive answer: quoted from the manuals, with their sources; no language "
            + "model wrote it.)";
    static final String NOTHING = "I can't answer that reliably right now: no language model is available and I "
            + "found no passage in the manuals about it. A human agent can help.";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return NAME;
    }

    @Override
    public ChatResponse complete(ProviderCall call) {
        String answer = answer(call.request());
        return new ChatResponse("extractive-" + UUID.randomUUID(), NAME, MODEL, answer, List.of(), "stop",
                new Usage(Prompts.estimatePromptTokens(call.request()), Prompts.estimateTokens(answer), true), true, false);
    }

    @Override
    public void stream(ProviderCall call, StreamListener listener) {
        ChatResponse response = complete(call);
        for (String piece : response.content().split("(?<= )")) {
            listener.delta(piece);
        }
        listener.completed(response);
    }

    static String answer(ChatRequest request) {
        String question = lastUserMessage(request);
        Set<String> terms = terms(question);
        record Scored(String sentence, int passage, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        List<ContextPassage> passages = request.context();
        for (int i = 0; i < passages.size(); i++) {
            for (String sentence : SENTENCE_END.split(TABLE_ROW.matcher(passages.get(i).text()).replaceAll(""))) {
                // List markers belong to the layout, not to the quoted sentence.
                String trimmed = sentence.trim().replaceFirst("^([-*•]|\\d+\\.)\\s+", "");
                if (trimmed.length() < 12) {
                    continue;
                }
                Set<String> words = terms(trimmed);
                long overlap = words.stream().filter(terms::contains).count();
                if (overlap > 0 || terms.isEmpty()) {
                    // Earlier passages come first from retrieval; prefer them on ties.
                    scored.add(new Scored(trimmed, i, overlap + 0.01 * (passages.size() - i)));
                }
            }
        }
        if (scored.isEmpty()) {
            return NOTHING;
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        boolean pinned = request.model() != null && (request.model().equalsIgnoreCase(NAME)
                || request.model().equalsIgnoreCase(MODEL));
        StringBuilder answer = new StringBuilder(pinned ? PINNED_NOTICE : NOTICE);
        for (Scored best : scored.subList(0, Math.min(MAX_SENTENCES, scored.size()))) {
            ContextPassage passage = passages.get(best.passage());
            answer.append("\n- ").append(best.sentence()).append(" [").append(best.passage() + 1).append(": ")
                    .append(passage.title()).append(']');
        }
        // Manuals put their figures in tables, whose rows rarely share words with the question:
        // quote a table as it stands.
        // The best-retrieved passages come first: the first of the top two that holds a table.
        for (int i = 0; i < Math.min(2, passages.size()); i++) {
            String table = firstTable(passages.get(i).text());
            if (!table.isEmpty()) {
                answer.append("\n\nFrom ").append(passages.get(i).title()).append(" [").append(i + 1).append("]:\n")
                        .append(table);
                break;
            }
        }
        return answer.toString();
    }

    private static String firstTable(String text) {
        List<String> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("|") && trimmed.endsWith("|")) {
                if (!trimmed.matches("\\|[-:| ]+\\|")) {
                    rows.add(trimmed);
                }
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        return rows.size() < 2 ? "" : String.join("\n", rows.subList(0, Math.min(MAX_TABLE_ROWS, rows.size())));
    }

    private static String lastUserMessage(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).textOrEmpty();
            }
        }
        return "";
    }

    private static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        for (String word : WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                terms.add(word.length() > 4 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
            }
        }
        return terms;
    }
}
