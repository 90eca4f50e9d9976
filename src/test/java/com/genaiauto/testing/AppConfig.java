package com.genaiauto.testing;

import io.dropwizard.testing.ConfigOverride;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Overrides of the real {@code config.yml} for an application under test: its own database and
 * Redis, random ports, quiet logs.
 */
public final class AppConfig {

    public static final String CONFIG_PATH = "config.yml";

    // Keyed, so that a later setting of a key replaces an earlier one.
    private final Map<String, ConfigOverride> overrides = new LinkedHashMap<>();

    private AppConfig() {
        set("server.applicationConnectors[0].port", "0");
        set("server.adminConnectors[0].port", "0");
        set("mode", "test");
        set("logging.level", "WARN");
        set("auth.bootstrapAdminEmail", Accounts.ADMIN_EMAIL);
        set("auth.bootstrapAdminPassword", Accounts.ADMIN_PASSWORD);
        // Many accounts come from one address in tests; the brute-force tests set their own limits.
        set("auth.rateLimits.loginPerAddressPerMinute", "10000");
        set("auth.rateLimits.loginPerAccountPerMinute", "10000");
        set("auth.rateLimits.registerPerAddressPerHour", "10000");
        set("auth.rateLimits.refreshPerAddressPerMinute", "10000");
        // Tests drive one account hard; UserRateLimitsIT sets its own per-user limits.
        set("http.userRateLimits.perMinute", "1000000");
        set("http.userRateLimits.rules[0].perMinute", "1000000");
        // Test apps stop without the production drain delay (ShutdownDrainIT sets its own).
        set("http.shutdownDrain", "0s");
        // Retention runs when a test asks (HousekeepingIT), not in the middle of another test.
        set("housekeeping.interval", "0s");
    }

    public static AppConfig defaults() {
        return new AppConfig();
    }

    public AppConfig database(Supplier<String> jdbcUrl) {
        overrides.put("database.url", ConfigOverride.config("database.url", jdbcUrl));
        set("database.user", TestDatabase.USER);
        set("database.password", TestDatabase.PASSWORD);
        return this;
    }

    public AppConfig redis(Supplier<String> url) {
        overrides.put("redis.url", ConfigOverride.config("redis.url", url));
        return this;
    }

    public AppConfig set(String key, String value) {
        overrides.put(key, ConfigOverride.config(key, value));
        return this;
    }

    public ConfigOverride[] toArray() {
        return overrides.values().toArray(ConfigOverride[]::new);
    }
}
