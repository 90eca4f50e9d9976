package com.genaiauto.llm.control;

import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.redis.Broadcast;
import com.genaiauto.platform.redis.RedisConnector;
import io.dropwizard.lifecycle.Managed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator switches of the router, for every replica at once: a provider turned off or on,
 * its breaker held open or reset, today's budget reset. Switches are stored in PostgreSQL (so a
 * replica that starts later, or restarts, applies them) and announced on a Redis channel (so the
 * others apply them at once); each replica also reads them again every 15 seconds, in case it
 * missed an announcement while Redis was away.
 */
public final class ControlPlane implements Managed {

    public static final String CHANNEL = "genai:llm:control";
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final String RESET = "reset:";
    private static final String BUDGET_RESET = "budget-reset";

    private final Jdbi jdbi;
    private final Map<String, ProviderSlot> slots;
    private final BudgetTracker budget;
    private final Broadcast broadcast;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "llm-control-poll");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code slots}: the remote providers the switches act on. */
    public ControlPlane(Jdbi jdbi, RedisConnector redis, Map<String, ProviderSlot> slots, BudgetTracker budget) {
        this.jdbi = jdbi;
        this.slots = slots;
        this.budget = budget;
        this.broadcast = new Broadcast(redis, CHANNEL, this::onNotice);
    }

    @Override
    public void start() {
        apply();
        broadcast.start();
        poller.scheduleWithFixedDelay(this::apply, 15, 15, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        poller.shutdownNow();
        broadcast.stop();
    }

    public Optional<ProviderSlot> slot(String provider) {
        return Optional.ofNullable(slots.get(provider));
    }

    public Iterable<String> providers() {
        return slots.keySet();
    }

    /** Turns a provider off or on, on every replica. */
    public void setEnabled(String provider, boolean enabled) {
        ProviderControl current = stored(provider);
        store(new ProviderControl(provider, enabled, current.forcedOpen()));
        announce(provider);
    }

    /** Holds a provider's breaker open on every replica until a reset. */
    public void forceOpen(String provider) {
        ProviderControl current = stored(provider);
        store(new ProviderControl(provider, current.enabled(), true));
        announce(provider);
    }

    /** Closes a provider's breaker on every replica, forgetting the failures it counted. */
    public void reset(String provider) {
        ProviderControl current = stored(provider);
        store(new ProviderControl(provider, current.enabled(), false));
        slots.get(provider).breaker().reset();
        if (!broadcast.send(RESET + provider)) {
            apply();
        }
    }

    /** Today's spend so far stops counting against the daily cap, on every replica. */
    public void resetBudget() {
        budget.reset();
        broadcast.send(BUDGET_RESET);
    }

    private void announce(String provider) {
        apply();
        broadcast.send(provider);
    }

    private void onNotice(String notice) {
        if (notice.equals(BUDGET_RESET)) {
            budget.reloadAfterReset();
            return;
        }
        if (notice.startsWith(RESET)) {
            ProviderSlot slot = slots.get(notice.substring(RESET.length()));
            if (slot != null) {
                slot.breaker().reset();
            }
        }
        apply();
    }

    /** Brings every provider in line with the stored switches. */
    void apply() {
        Map<String, ProviderControl> stored = new HashMap<>();
        try {
            jdbi.onDemand(ProviderControlDao.class).all().forEach(control -> stored.put(control.provider(), control));
        } catch (RuntimeException e) {
            LOG.warn("Operator switches could not be read; keeping the current ones: {}", e.toString());
            return;
        }
        slots.forEach((name, slot) -> {
            ProviderControl control = stored.getOrDefault(name, ProviderControl.defaults(name));
            slot.setEnabled(control.enabled());
            CircuitBreaker breaker = slot.breaker();
            boolean forced = breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
            if (control.forcedOpen() && !forced) {
                breaker.transitionToForcedOpenState();
            } else if (!control.forcedOpen() && forced) {
                breaker.transitionToClosedState();
            }
        });
    }

    private ProviderControl stored(String provider) {
        return jdbi.onDemand(ProviderControlDao.class).find(provider).orElse(ProviderControl.defaults(provider));
    }

    private void store(ProviderControl control) {
        jdbi.onDemand(ProviderControlDao.class).put(control);
    }
}
