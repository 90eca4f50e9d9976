package com.genaiauto.auth.service;

import com.genaiauto.auth.AuthConfig;
import com.genaiauto.platform.errors.TooManyRequestsException;
import com.genaiauto.platform.ratelimit.RateLimiter;
import com.genaiauto.platform.ratelimit.RateLimiter.Limit;
import java.time.Duration;
import java.util.Locale;

/** Rate limits on the credential endpoints, per client address and per account. */
public final class CredentialThrottle {

    private final RateLimiter limiter;
    private final Limit loginPerAddress;
    private final Limit loginPerAccount;
    private final Limit registerPerAddress;
    private final Limit refreshPerAddress;

    public CredentialThrottle(RateLimiter limiter, AuthConfig.RateLimits config) {
        this.limiter = limiter;
        this.loginPerAddress = new Limit("login-ip", config.loginPerAddressPerMinute(), Duration.ofMinutes(1));
        this.loginPerAccount = new Limit("login-account", config.loginPerAccountPerMinute(), Duration.ofMinutes(1));
        this.registerPerAddress = new Limit("register-ip", config.registerPerAddressPerHour(), Duration.ofHours(1));
        this.refreshPerAddress = new Limit("refresh-ip", config.refreshPerAddressPerMinute(), Duration.ofMinutes(1));
    }

    public void beforeLogin(String clientAddress, String email) {
        check(loginPerAddress, clientAddress, "Too many login attempts from this address.");
        check(loginPerAccount, email.toLowerCase(Locale.ROOT), "Too many login attempts for this account.");
    }

    public void beforeRegister(String clientAddress) {
        check(registerPerAddress, clientAddress, "Too many registrations from this address.");
    }

    public void beforeRefresh(String clientAddress) {
        check(refreshPerAddress, clientAddress, "Too many token refreshes from this address.");
    }

    private void check(Limit limit, String key, String message) {
        RateLimiter.Decision decision = limiter.tryConsume(limit, key == null ? "unknown" : key);
        if (!decision.allowed()) {
            throw new TooManyRequestsException(message + " Try again later.", decision.retryAfter());
        }
    }
}
