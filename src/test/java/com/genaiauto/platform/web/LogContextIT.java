package com.genaiauto.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.ProbeResourcesApplication;
import com.genaiauto.testing.RunningApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every log line a request writes carries its request id, route and user id (never an e-mail). */
@DisplayName("Log context of a request")
class LogContextIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.of(ProbeResourcesApplication.class);

    @Test
    void shouldHoldTheRequestIdTheRouteTemplateAndTheUserId() {
        Api api = APP.api();
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        Api.Reply reply = api.get("/test-probes/log-context/" + owner.email(), owner.accessToken());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode context = reply.json();
        assertThat(context.path("requestId").asText()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(context.path("route").asText()).isEqualTo("GET /test-probes/log-context/{anything}");
        assertThat(context.path("userId").asText()).isEqualTo(owner.userId().toString());
        assertThat(reply.text()).doesNotContain(owner.email());
    }
}
