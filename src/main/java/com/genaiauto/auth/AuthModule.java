package com.genaiauto.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.DeploymentMode;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.resource.ApiKeyResource;
import com.genaiauto.auth.resource.AuthResource;
import com.genaiauto.auth.resource.UserAdminResource;
import com.genaiauto.auth.service.AccessTokens;
import com.genaiauto.auth.service.AdminAccounts;
import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.auth.service.CredentialThrottle;
import com.genaiauto.auth.service.JwtSecretPolicy;
import com.genaiauto.auth.service.PasswordHasher;
import com.genaiauto.auth.service.TokenDenylist;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.AuthenticationRequiredException;
import com.genaiauto.platform.ratelimit.RateLimiter;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, password hashing, JWT access tokens and rotating refresh tokens, roles, API keys and
 * login rate limits. Other modules use {@link AuthService} and {@link ApiKeyService}.
 */
public final class AuthModule {

    private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);

    private final AuthConfig config;
    private final AuthService authService;
    private final ApiKeyService apiKeyService;
    private final AdminAccounts adminAccounts;

    public AuthModule(AuthConfig config, PlatformModule platform, ObjectMapper json) {
        this.config = config;
        RateLimiter rateLimiter = platform.rateLimiter();
        AuditLog audit = platform.audit();
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = new PasswordHasher(config.passwordHashing());
        AccessTokens accessTokens = new AccessTokens(config.jwtSecretKey(), config.issuer(),
                Duration.ofMinutes(config.accessTokenExpireMinutes()), clock);
        this.authService = new AuthService(platform.jdbi(), hasher, accessTokens,
                new TokenDenylist(platform.redis(), clock), new CredentialThrottle(rateLimiter, config.rateLimits()),
                audit, config, clock, List.of());
        this.apiKeyService = new ApiKeyService(platform.jdbi(), audit, platform.redis(), json);
        this.adminAccounts = new AdminAccounts(platform.jdbi(), hasher, audit);
        platform.housekeeping().register(Retained.REFRESH_TOKENS, authService::removeExpiredRefreshTokens);
    }

    /** Checks the signing secret before anything else starts. */
    public static void checkSecret(AuthConfig config, DeploymentMode mode) {
        JwtSecretPolicy.enforce(config.jwtSecretKey(), mode);
    }

    public void register(Environment environment) {
        environment.lifecycle().manage(apiKeyService);
        var jersey = environment.jersey();
        jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<AuthenticatedUser>()
                .setAuthenticator(authService::authenticate)
                .setAuthorizer((user, role, requestContext) -> user.role().wireName().equals(role))
                .setPrefix("Bearer")
                .setRealm("genai-auto")
                .setUnauthorizedHandler(new UnauthorizedHandler() {
                    @Override
                    public RuntimeException buildException(String prefix, String realm) {
                        return new AuthenticationRequiredException(
                                "A valid access token is required (Authorization: Bearer <token>).");
                    }
                })
                .buildAuthFilter()));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(AuthenticatedUser.class));

        jersey.register(new AuthResource(authService));
        jersey.register(new UserAdminResource(authService));
        jersey.register(new ApiKeyResource(apiKeyService));

        bootstrapAdmin();
    }

    private void bootstrapAdmin() {
        String email = config.bootstrapAdminEmail();
        String password = config.bootstrapAdminPassword();
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            return;
        }
        adminAccounts.bootstrap(Email.of(email), password, "config:ADMIN_EMAIL")
                .ifPresent(admin -> LOG.info("Created the first administrator account {}", admin.email()));
    }

    public AuthService authService() {
        return authService;
    }

    public ApiKeyService apiKeyService() {
        return apiKeyService;
    }
}
