package com.genaiauto.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Real HTTP fakes of the providers (WireMock on loopback) answering in their documented wire
 * formats: OpenAI chat completions (JSON and SSE chunks with a usage chunk) and Anthropic Messages
 * (JSON and its typed SSE events).
 */
public final class FakeProviders {

    public static final String OPENAI_PATH = "/v1/chat/completions";
    public static final String ANTHROPIC_PATH = "/v1/messages";

    private FakeProviders() {
    }

    /**
     * The default model answers (also streamed, "Rotate tyres."); {@code failingModel}'s upstream
     * always fails with 500, a real outage of that deployment.
     */
    public static void stubAnsweringAndFailing(WireMockServer server, String answeringModel, String failingModel) {
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).atPriority(5)
                .willReturn(json(openAiBody(answeringModel, "Rotate tyres every 10,000 km.", 21, 8))));
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).atPriority(2)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.stream",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
                .willReturn(sse(openAiStream(answeringModel, List.of("Rotate ", "tyres."), 21, 8, true))));
        server.stubFor(post(urlEqualTo(OPENAI_PATH)).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.model",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(failingModel)))
                .willReturn(status(500)));
    }

    /**
     * The service's provider pointed at this fake, without retries and with a breaker that never
     * opens: every failure reaches the fake, and a failing model does not take the others down.
     */
    public static java.util.function.Consumer<com.genaiauto.testing.AppConfig> pointedAt(WireMockServer server) {
        return config -> config
                .set("llm.providers[0].baseUrl", server.baseUrl() + "/v1")
                .set("llm.providers[0].apiKey", "sk-upstream-test")
                .set("llm.providers[0].retries", "0")
                .set("llm.breaker.windowSize", "1000")
                .set("llm.breaker.minimumCalls", "1000");
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .containerThreads(64).jettyAcceptors(2).extensions(new RandomFailures()));
        server.start();
        return server;
    }

    public static String openAiBody(String model, String content, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-fake","object":"chat.completion","created":1732600000,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(model, quote(content), promptTokens, completionTokens, promptTokens + completionTokens);
    }

    public static String openAiToolCallBody(String model, String tool, String argumentsJson) {
        return """
                {"id":"chatcmpl-tool","object":"chat.completion","created":1732600000,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"%s","arguments":%s}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}"""
                .formatted(model, tool, quote(argumentsJson));
    }

    /** The SSE of a streamed completion: one chunk per piece, a finish chunk, a usage chunk, [DONE]. */
    public static String openAiStream(String model, List<String> pieces, Integer promptTokens, Integer completionTokens,
                                      boolean done) {
        StringBuilder sse = new StringBuilder();
        sse.append(chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String piece : pieces) {
            sse.append(chunk(model, "{\"content\":" + quote(piece) + "}", null));
        }
        if (done) {
            sse.append(chunk(model, "{}", "\"stop\""));
            if (promptTokens != null) {
                sse.append("data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1732600000,"
                        + "\"model\":\"" + model + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                        + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                        + (promptTokens + completionTokens) + "}}\n\n");
            }
            sse.append("data: [DONE]\n\n");
        }
        return sse.toString();
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1732600000,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    public static String anthropicBody(String model, String text, int input, int output) {
        return """
                {"id":"msg_fake","type":"message","role":"assistant","model":"%s",
                 "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":%d,"output_tokens":%d}}""".formatted(model, quote(text), input, output);
    }

    public static String anthropicStream(String model, List<String> pieces, int input, int output) {
        StringBuilder sse = new StringBuilder();
        sse.append(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":1}}}"));
        sse.append(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        sse.append(event("ping", "{\"type\":\"ping\"}"));
        for (String piece : pieces) {
            sse.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(piece) + "}}"));
        }
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        sse.append(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + output + "}}"));
        sse.append(event("message_stop", "{\"type\":\"message_stop\"}"));
        return sse.toString();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    public static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"fake failure\",\"type\":\"server_error\"}}");
    }

    public static ResponseDefinitionBuilder connectionReset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    public static MappingBuilder openAi(String model) {
        return post(urlEqualTo(OPENAI_PATH)).withRequestBody(containing("\"model\":\"" + model + "\""));
    }

    public static MappingBuilder anthropic() {
        return post(urlEqualTo(ANTHROPIC_PATH));
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + text.chars().mapToObj(c -> switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining()) + "\"";
    }
}
