package com.genaiauto.auth.model;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

/** A service client authenticated by an API key. */
public record ApiKeyPrincipal(UUID keyId, String name, List<String> scopes, UUID ownerUserId) implements Principal {

    public ApiKeyPrincipal {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String getName() {
        return "api-key:" + keyId;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
