package com.genaiauto.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgVectorHealthCheckTest {

    @Test
    void shouldCompareExtensionVersionsNumerically() {
        assertThat(PgVectorHealthCheck.compareVersions("0.8.0", "0.8")).isZero();
        assertThat(PgVectorHealthCheck.compareVersions("0.10.1", "0.8")).isPositive();
        assertThat(PgVectorHealthCheck.compareVersions("0.7.4", "0.8")).isNegative();
        assertThat(PgVectorHealthCheck.compareVersions("0.8.1-beta", "0.8.1")).isZero();
    }
}
