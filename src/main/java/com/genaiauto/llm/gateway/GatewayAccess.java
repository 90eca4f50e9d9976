package com.genaiauto.llm.gateway;

import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.platform.errors.AccessDeniedException;
import com.genaiauto.platform.errors.AuthenticationRequiredException;
import com.genaiauto.llm.governance.Governance;

/**
 * Admits gateway calls carrying a live API key with the {@code gateway} scope
 * ({@code Authorization: Bearer gak_…} as OpenAI SDKs send it, or {@code X-API-Key}), within the
 * key's request rate (its own, or the service's default), shared by all replicas.
 */
final class GatewayAccess {

    private static final String SCOPE = "gateway";

    private final ApiKeyService keys;
    private final Governance governance;

    GatewayAccess(ApiKeyService keys, Governance governance) {
        this.keys = keys;
        this.governance = governance;
    }

    /** The key's principal, or an exception for the one error response (401, 403 or 429). */
    ApiKeyPrincipal admit(String apiKeyHeader, String authorization) {
        String presented = apiKeyHeader;
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        ApiKeyPrincipal principal = keys.authenticate(presented)
                .orElseThrow(() -> new AuthenticationRequiredException("A valid API key is required."));
        if (!principal.hasScope(SCOPE)) {
            throw new AccessDeniedException("This API key may not use the model gateway.");
        }
        governance.admitRequest(principal.keyId(), principal.ownerUserId());
        return principal;
    }
}
