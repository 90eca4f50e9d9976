package com.genaiauto.testing;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole application on random ports, with its own fresh database and a private Redis, for
 * one test class: {@code @RegisterExtension static final RunningApp APP = RunningApp.standard();}.
 */
public final class RunningApp implements BeforeAllCallback, AfterAllCallback {

    private final TestDatabase database = TestDatabase.create();
    private final PrivateRedis redis = PrivateRedis.started();
    private final DropwizardTestSupport<GenAiAutoConfiguration> support;
    private final Consumer<AppConfig> settings;

    private RunningApp(Class<? extends Application<GenAiAutoConfiguration>> application, Consumer<AppConfig> settings) {
        this.settings = settings;
        AppConfig config = AppConfig.defaults().database(database::jdbcUrl).redis(redis::url);
        settings.accept(config);
        this.support = new DropwizardTestSupport<>(application, AppConfig.CONFIG_PATH, config.toArray());
    }

    public static RunningApp standard() {
        return new RunningApp(GenAiAutoApplication.class, config -> { });
    }

    public static RunningApp with(Consumer<AppConfig> settings) {
        return new RunningApp(GenAiAutoApplication.class, settings);
    }

    public static RunningApp of(Class<? extends Application<GenAiAutoConfiguration>> application) {
        return new RunningApp(application, config -> { });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!OuterClassOnly.isNested(context)) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!OuterClassOnly.isNested(context)) {
            stop();
        }
    }

    /** Starts the application, for lifecycles other than JUnit Jupiter's (jqwik's hooks). */
    public void start() throws Exception {
        support.before();
    }

    /** Stops the application and drops its database and Redis. */
    public void stop() {
        try {
            support.after();
        } finally {
            redis.stop();
            database.drop();
        }
    }

    public int port() {
        return support.getLocalPort();
    }

    public int adminPort() {
        return support.getAdminPort();
    }

    /** Runs an admin task ({@code POST /tasks/<name>?<query>} on the admin port) and returns its report. */
    public String task(String name, String query) {
        Api.Reply reply = taskReply("POST", name, query);
        if (reply.status() != 200) {
            throw new AssertionError("task " + name + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.text();
    }

    /** An admin port request under {@code /tasks}, whatever it answers. */
    public Api.Reply taskReply(String method, String name, String query) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + adminPort() + "/tasks" + (name.isEmpty() ? "" : "/" + name)
                                    + (query == null || query.isEmpty() ? "" : "?" + query)))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Api api() {
        return new Api(port());
    }

    public TestDatabase database() {
        return database;
    }

    public PrivateRedis redis() {
        return redis;
    }

    public DropwizardTestSupport<GenAiAutoConfiguration> support() {
        return support;
    }

    /**
     * Another replica with the same settings on the same database and Redis, started; stop it with
     * {@code after()}.
     */
    public DropwizardTestSupport<GenAiAutoConfiguration> startReplica() throws Exception {
        return startReplica(config -> { });
    }

    /** {@link #startReplica()} with some settings of its own on top of the shared ones. */
    public DropwizardTestSupport<GenAiAutoConfiguration> startReplica(Consumer<AppConfig> own) throws Exception {
        AppConfig config = AppConfig.defaults().database(database::jdbcUrl).redis(redis::url);
        settings.accept(config);
        own.accept(config);
        DropwizardTestSupport<GenAiAutoConfiguration> replica = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, config.toArray());
        replica.before();
        return replica;
    }
}
