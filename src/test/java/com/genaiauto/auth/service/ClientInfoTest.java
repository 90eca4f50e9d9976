package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Client info")
class ClientInfoTest {

    @Test
    void shouldStripTheBracketsJettyPutsAroundIpv6Addresses() {
        assertThat(new ClientInfo("[0:0:0:0:0:0:0:1]", "curl").address()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(new ClientInfo("127.0.0.1", "curl").address()).isEqualTo("127.0.0.1");
    }
}
