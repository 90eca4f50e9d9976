package com.genaiauto.llm.task;

import com.genaiauto.llm.control.ControlPlane;
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

/**
 * Operator switches for the router on the admin port. Each is idempotent and audited, and acts on
 * every replica through the {@link ControlPlane}, whichever replica's admin port it was run on.
 */
public final class LlmTasks {

    private LlmTasks() {
    }

    public static List<Task> all(ControlPlane control, BudgetTracker budget, AuditLog audit) {
        return List.of(new CircuitTask(control, audit), new ProviderTask(control, audit),
                new BudgetResetTask(control, budget, audit));
    }

    private static String action(Map<String, List<String>> parameters) {
        return TaskParameters.first(parameters, "action").toLowerCase(Locale.ROOT);
    }

    private static ProviderSlot slot(ControlPlane control, Map<String, List<String>> parameters,
                                     PrintWriter output) {
        ProviderSlot slot = control.slot(TaskParameters.first(parameters, "provider")).orElse(null);
        if (slot == null) {
            output.println("error: pass provider=<name>, one of " + String.join(", ", control.providers()));
        }
        return slot;
    }

    /** {@code POST /tasks/llm-circuit?provider=openrouter&action=reset|open|close}, on every replica. */
    static final class CircuitTask extends Task {
        private final ControlPlane control;
        private final AuditLog audit;

        CircuitTask(ControlPlane control, AuditLog audit) {
            super("llm-circuit");
            this.control = control;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            ProviderSlot slot = slot(control, parameters, output);
            String action = action(parameters);
            if (slot == null) {
                return;
            }
            var breaker = slot.breaker();
            switch (action) {
                case "reset", "close" -> control.reset(slot.name());
                case "open" -> control.forceOpen(slot.name());
                default -> {
                    output.println("error: pass action=reset|open");
                    return;
                }
            }
            audit.record(AuditEvent.of("llm.circuit_" + action).byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " circuit is now " + breaker.getState().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code POST /tasks/llm-provider?provider=openrouter&action=enable|disable}, on every replica. */
    static final class ProviderTask extends Task {
        private final ControlPlane control;
        private final AuditLog audit;

        ProviderTask(ControlPlane control, AuditLog audit) {
            super("llm-provider");
            this.control = control;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            ProviderSlot slot = slot(control, parameters, output);
            String action = action(parameters);
            if (slot == null) {
                return;
            }
            if (!"enable".equals(action) && !"disable".equals(action)) {
                output.println("error: pass action=enable|disable");
                return;
            }
            control.setEnabled(slot.name(), "enable".equals(action));
            audit.record(AuditEvent.of("llm.provider_" + action + "d").byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " is now " + (slot.isEnabled() ? "enabled" : "disabled"));
        }
    }

    /** {@code POST /tasks/llm-budget-reset}: today's spend so far stops counting against the cap, everywhere. */
    static final class BudgetResetTask extends Task {
        private final ControlPlane control;
        private final BudgetTracker budget;
        private final AuditLog audit;

        BudgetResetTask(ControlPlane control, BudgetTracker budget, AuditLog audit) {
            super("llm-budget-reset");
            this.control = control;
            this.budget = budget;
            this.audit = audit;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            double before = budget.spentToday();
            control.resetBudget();
            audit.record(AuditEvent.of("llm.budget_reset").byLabel("admin-task")
                    .with(Map.of("spentBeforeUsd", before)));
            output.printf(Locale.ROOT, "budget reset: %.6f USD spent today no longer counts; limit %.2f USD%n",
                    before, budget.dailyLimit());
        }
    }
}
