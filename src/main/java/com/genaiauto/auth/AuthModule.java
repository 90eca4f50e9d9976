package com.genaiauto.auth;

import com.genaiauto.DeploymentMode;
import io.dropwizard.core.setup.Environment;

/**
 * Users, password hashing, JWT tokens, roles and API keys. For now it guards the signing secret;
 * endpoints arrive with the accounts work.
 */
public final class AuthModule {

    private final AuthConfig config;
    private final DeploymentMode mode;

    public AuthModule(AuthConfig config, DeploymentMode mode) {
        this.config = config;
        this.mode = mode;
    }

    public void register(Environment environment) {
        JwtSecretPolicy.enforce(config.jwtSecretKey(), mode);
    }
}
