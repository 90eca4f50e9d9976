package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies of the auth endpoints. */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record Register(@NotBlank @Size(max = 254) String email,
                           @NotNull @Size(max = 128) String password,
                           @NotBlank @Size(max = 120) String fullName,
                           @Size(max = 40) String phone) {
    }

    public record Login(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {
    }

    public record Refresh(@Size(max = 200) String refreshToken) {
    }

    public record Logout(@Size(max = 200) String refreshToken, Boolean allDevices) {
    }

    public record CreateUser(@NotBlank @Size(max = 254) String email,
                             @NotNull @Size(max = 128) String password,
                             @NotNull Role role,
                             @Size(max = 120) String displayName) {
    }

    public record CreateApiKey(@NotBlank @Size(max = 100) String name,
                               @Size(max = 10) List<@NotBlank @Size(max = 40) String> scopes,
                               UUID ownerUserId,
                               Instant expiresAt) {
    }
}
