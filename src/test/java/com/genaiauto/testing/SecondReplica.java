package com.genaiauto.testing;

import com.genaiauto.GenAiAutoConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Another replica of a {@link RunningApp} (same database, same Redis) for the test class: started
 * after the app, stopped before it. Register it after the app's field, so JUnit starts it second.
 */
public final class SecondReplica implements BeforeAllCallback, AfterAllCallback {

    private final RunningApp app;
    private DropwizardTestSupport<GenAiAutoConfiguration> support;

    private SecondReplica(RunningApp app) {
        this.app = app;
    }

    public static SecondReplica of(RunningApp app) {
        return new SecondReplica(app);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!OuterClassOnly.isNested(context)) {
            support = app.startReplica();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!OuterClassOnly.isNested(context) && support != null) {
            support.after();
            support = null;
        }
    }

    public int port() {
        return support.getLocalPort();
    }

    public Api api() {
        return new Api(port());
    }
}
