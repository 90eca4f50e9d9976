package com.genaiauto.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void shouldKeepAPlainClientId() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
    }

    @Test
    void shouldReplaceIdsThatCouldForgeLogLines() {
        assertThat(RequestIds.acceptOrGenerate("abc\nINFO fake line")).doesNotContain("\n").hasSize(36);
        assertThat(RequestIds.acceptOrGenerate("x".repeat(129))).hasSize(36);
        assertThat(RequestIds.acceptOrGenerate(null)).hasSize(36);
    }
}
