package com.genaiauto.llm;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.ThreadLocalRandom;

/** A WireMock transformer that turns half of the answers of a stub into HTTP 500, at random. */
public final class RandomFailures implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "random-failures";

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition original = serveEvent.getResponseDefinition();
        Object configured = original.getTransformerParameters() == null ? null
                : original.getTransformerParameters().get("failureRate");
        double rate = configured instanceof Number number ? number.doubleValue() : 0.5;
        if (ThreadLocalRandom.current().nextDouble() < rate) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(500)
                    .withBody("{\"error\":{\"message\":\"chaos\"}}").build();
        }
        return original;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
