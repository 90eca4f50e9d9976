package com.genaiauto.auth.model;

/** The answer to creating a key: the secret appears here once and is never retrievable again. */
public record CreatedApiKey(String key, ApiKeyView apiKey) {
}
