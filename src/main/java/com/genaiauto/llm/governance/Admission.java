package com.genaiauto.llm.governance;

import java.util.List;

/**
 * A gateway call let through by its key's limits: the model to call (the {@code cheap} alias
 * when a budget set to downgrade is spent) and the budget it reserved, to settle with what the
 * call really cost once it is done (or with nothing, if it was not made).
 */
public final class Admission {

    private final String model;
    private final boolean downgraded;
    private final List<Hold> holds;
    private final java.util.function.DoubleConsumer spent;
    private boolean settled;

    record Hold(BudgetLease lease, long reserved) {
    }

    Admission(String model, boolean downgraded, List<Hold> holds, java.util.function.DoubleConsumer spent) {
        this.model = model;
        this.downgraded = downgraded;
        this.holds = List.copyOf(holds);
        this.spent = spent;
    }

    static Admission unlimited(String model) {
        return new Admission(model, false, List.of(), usd -> { });
    }

    public String model() {
        return model;
    }

    public boolean downgraded() {
        return downgraded;
    }

    /** The call is done: {@code costUsd} is what it cost (0 for a cached or failed call). */
    public synchronized void settle(double costUsd) {
        if (settled) {
            return;
        }
        settled = true;
        long actual = Math.max(0, Math.round(costUsd * Governance.NANOS_PER_USD));
        for (Hold hold : holds) {
            hold.lease().settle(hold.reserved(), actual);
        }
        spent.accept(costUsd);
    }
}
