package com.genaiauto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeploymentModeTest {

    @Test
    void shouldReadTheUsualSpellings() {
        assertThat(DeploymentMode.parse("production")).isEqualTo(DeploymentMode.PRODUCTION);
        assertThat(DeploymentMode.parse(" PROD ")).isEqualTo(DeploymentMode.PRODUCTION);
        assertThat(DeploymentMode.parse("dev")).isEqualTo(DeploymentMode.DEVELOPMENT);
        assertThat(DeploymentMode.parse("")).isEqualTo(DeploymentMode.DEVELOPMENT);
        assertThat(DeploymentMode.parse("test")).isEqualTo(DeploymentMode.TEST);
    }

    @Test
    void shouldRejectATypoRatherThanFallBackToDevelopment() {
        assertThatThrownBy(() -> DeploymentMode.parse("prodution")).hasMessageContaining("Unknown mode");
    }
}
