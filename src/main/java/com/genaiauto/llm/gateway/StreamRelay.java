package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.StreamListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Relays the router's stream to the client as OpenAI chunks. The response head (200, event
 * stream) is sent with the first event only: a stream that cannot start at all leaves the
 * response untouched, so the client gets a real HTTP error status, as OpenAI answers, rather
 * than a 200 followed by an in-band error. Once text went out, a failure can only end the
 * stream with an error event, never with {@code [DONE]}.
 */
final class StreamRelay implements StreamListener {

    private final GatewayExchange exchange;
    private final OpenAiWire.Chunks chunks;
    private final boolean includeUsage;
    private final String requestId;
    private OutputStream output;
    private LlmException failedBeforeStart;
    private ChatResponse answer;

    StreamRelay(GatewayExchange exchange, String model, boolean includeUsage, String requestId) {
        this.exchange = exchange;
        this.chunks = new OpenAiWire.Chunks(model);
        this.includeUsage = includeUsage;
        this.requestId = requestId;
    }

    @Override
    public void delta(String text) {
        send(chunks.delta(text));
    }

    @Override
    public void completed(ChatResponse answer) {
        this.answer = answer;
        send(chunks.finish(answer));
        if (includeUsage) {
            send(chunks.usage(answer));
        }
        write("data: [DONE]\n\n");
    }

    @Override
    public void failed(LlmException error, boolean afterOutput) {
        if (output == null) {
            failedBeforeStart = error;
            return;
        }
        send(OpenAiWire.streamError(afterOutput, requestId));
    }

    /** The complete answer, once the stream ended well. */
    ChatResponse answer() {
        return answer;
    }

    /** The failure to answer with an HTTP status, when the stream never started. */
    LlmException failedBeforeStart() {
        return failedBeforeStart;
    }

    private void send(ObjectNode event) {
        write("data: " + event + "\n\n");
    }

    private void write(String text) {
        try {
            if (output == null) {
                output = exchange.eventStream();
            }
            output.write(text.getBytes(StandardCharsets.UTF_8));
            output.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The client stopped reading a stream; the router bills what was generated until then. */
    static final class ClientGone extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("client went away", cause);
        }
    }
}
