package com.genaiauto.platform.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a graceful shutdown. When the server begins to stop (SIGTERM from
 * {@code docker stop} or Kubernetes), readiness turns 503 at once while the connectors stay open
 * for {@code delay}, so that load balancers polling readiness take the replica out before it
 * refuses connections; Jetty's graceful stop then lets in-flight requests finish.
 */
public final class Draining implements LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Draining.class);

    private final AtomicBoolean draining = new AtomicBoolean();
    private final Duration delay;

    public Draining(Duration delay) {
        this.delay = delay;
    }

    public boolean draining() {
        return draining.get();
    }

    @Override
    public void lifeCycleStopping(LifeCycle event) {
        if (!(event instanceof Server) || !draining.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down: readiness answers 503; serving for {} ms more", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
