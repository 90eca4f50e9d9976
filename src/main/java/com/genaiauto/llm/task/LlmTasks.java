package com.genaiauto.llm.task;

import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.tasks.TaskParameters;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Operator switches for the router on the admin port. Each is idempotent and audited. */
public final class LlmTasks {

    private LlmTasks() {
    }

    public static List<Task> all(Map<String, ProviderSlot> slots, BudgetTracker budget, AuditLog audit) {
        return List.of(new CircuitTask(slots, audit), new ProviderTask(slots, audit), new BudgetResetTask(budget, audit));
    }

    private static String action(Map<String, List<String>> parameters) {
        return TaskParameters.first(parameters, "action").toLowerCase(Locale.ROOT);
    }

    private static ProviderSlot slot(Map<String, ProviderSlot> slots, Map<String, List<String>> parameters,
                                     PrintWriter output) {
        ProviderSlot slot = slots.get(TaskParameters.first(parameters, "provider"));
        if (slot == null) {
            output.println("error: pass provider=<name>, one of " + String.join(", ", slots.keySet()));
        }
        return slot;
    }

    /** {@code POST /tasks/llm-circuit?provider=openrouter&action=reset|open|close}. */
    static final class CircuitTask extends Task {
        private final Map<String, ProviderSlot> slots;
        private final AuditLog audit;

        CircuitTask(Map<String, ProviderSlot> slots, AuditLog audit) {
            super("llm-circuit");
            this.slots = slots;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            ProviderSlot slot = slot(slots, parameters, output);
            String action = action(parameters);
            if (slot == null) {
                return;
            }
            var breaker = slot.breaker();
            switch (action) {
                case "reset", "close" -> breaker.reset();
                case "open" -> breaker.transitionToForcedOpenState();
                default -> {
                    output.println("error: pass action=reset|open");
                    return;
                }
            }
            audit.record(AuditEvent.of("llm.circuit_" + action).byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " circuit is now " + breaker.getState().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code POST /tasks/llm-provider?provider=openrouter&action=enable|disable}. */
    static final class ProviderTask extends Task {
        private final Map<String, ProviderSlot> slots;
        private final AuditLog audit;

        ProviderTask(Map<String, ProviderSlot> slots, AuditLog audit) {
            super("llm-provider");
            this.slots = slots;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            ProviderSlot slot = slot(slots, parameters, output);
            String action = action(parameters);
            if (slot == null) {
                return;
            }
            if (!"enable".equals(action) && !"disable".equals(action)) {
                output.println("error: pass action=enable|disable");
                return;
            }
            slot.setEnabled("enable".equals(action));
            audit.record(AuditEvent.of("llm.provider_" + action + "d").byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " is now " + (slot.isEnabled() ? "enabled" : "disabled"));
        }
    }

    /** {@code POST /tasks/llm-budget-reset}: today's spend so far stops counting against the cap. */
    static final class BudgetResetTask extends Task {
        private final BudgetTracker budget;
        private final AuditLog audit;

        BudgetResetTask(BudgetTracker budget, AuditLog audit) {
            super("llm-budget-reset");
            this.budget = budget;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            double before = budget.spentToday();
            budget.reset();
            audit.record(AuditEvent.of("llm.budget_reset").byLabel("admin-task")
                    .with(Map.of("spentBeforeUsd", before)));
            output.printf(Locale.ROOT, "budget reset: %.6f USD spent today no longer counts; limit %.2f USD%n",
                    before, budget.dailyLimit());
        }
    }
}
