package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.DeploymentMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JWT secret policy")
class JwtSecretPolicyTest {

    private static final String STRONG = "Zq8v2M4nB7xK1pL9sD3fG6hJ0wE5rT-strong-enough";

    @Nested
    @DisplayName("in production")
    class Production {

        @ParameterizedTest
        @ValueSource(strings = {JwtSecretPolicy.DEVELOPMENT_DEFAULT_SECRET, "change-me", "CHANGEME", "secret",
                "your-super-secret-key-change-in-production"})
        void shouldRefuseDefaultSecrets(String secret) {
            assertThatThrownBy(() -> JwtSecretPolicy.enforce(secret, DeploymentMode.PRODUCTION))
                    .isInstanceOf(JwtSecretPolicy.InsecureJwtSecretException.class)
                    .hasMessageContaining("Refusing to start in production mode");
        }

        @Test
        void shouldRefuseSecretsShorterThan256Bits() {
            assertThatThrownBy(() -> JwtSecretPolicy.enforce("x".repeat(31), DeploymentMode.PRODUCTION))
                    .hasMessageContaining("shorter than 32 bytes");
        }

        @Test
        void shouldRefuseABlankSecret() {
            assertThatThrownBy(() -> JwtSecretPolicy.enforce("  ", DeploymentMode.PRODUCTION))
                    .hasMessageContaining("empty");
        }

        @Test
        void shouldAcceptALongRandomSecret() {
            assertThatCode(() -> JwtSecretPolicy.enforce(STRONG, DeploymentMode.PRODUCTION)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldOnlyWarnOutsideProduction() {
        assertThatCode(() -> JwtSecretPolicy.enforce(JwtSecretPolicy.DEVELOPMENT_DEFAULT_SECRET, DeploymentMode.DEVELOPMENT))
                .doesNotThrowAnyException();
    }
}
