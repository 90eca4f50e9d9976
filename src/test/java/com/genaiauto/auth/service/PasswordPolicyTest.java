package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.platform.errors.UnprocessableException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void shouldAcceptALongMixedPassword() {
        assertThatCode(() -> PasswordPolicy.check("correct horse 42", "dana@example.com")).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectShortPasswordsWithAClearMessage() {
        assertThatThrownBy(() -> PasswordPolicy.check("abc123", "dana@example.com"))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageContaining("at least 10 characters");
    }

    @Test
    void shouldRejectLettersOnlyCommonAndEmailBasedPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("onlyletterspassword", "x@example.com"))
                .hasMessageContaining("mix letters");
        assertThatThrownBy(() -> PasswordPolicy.check("Password123", "x@example.com")).hasMessageContaining("too common");
        assertThatThrownBy(() -> PasswordPolicy.check("danielle-2026", "danielle@example.com"))
                .hasMessageContaining("e-mail");
        assertThatThrownBy(() -> PasswordPolicy.check("aaaaaaaaa1", "x@example.com"))
                .hasMessageContaining("different characters");
    }
}
