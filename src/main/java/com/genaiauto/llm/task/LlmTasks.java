package com.genaiauto.llm.task;

import com.genaiauto.llm.control.ControlPlane;
import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskFailure;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskParameter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Operator switches for the router on the admin port. Each is idempotent and audited, and acts on
 * every replica through the {@link ControlPlane}, whichever replica's admin port it was run on.
 */
public final class LlmTasks {

    private LlmTasks() {
    }

    public static List<AdminTask> all(ControlPlane control, BudgetTracker budget, AuditLog audit) {
        return List.of(new CircuitTask(control, audit), new ProviderTask(control, audit),
                new BudgetResetTask(control, budget, audit));
    }

    private static ProviderSlot slot(ControlPlane control, TaskInput input) {
        return control.slot(input.text("provider")).orElseThrow(() -> TaskFailure.invalid(
                "pass provider=<name>, one of " + String.join(", ", control.providers())));
    }

    private static TaskParameter providerParameter() {
        return TaskParameter.required("provider", "a configured provider's name");
    }

    /** {@code POST /tasks/llm-circuit?provider=openrouter&action=reset|open|close}, on every replica. */
    static final class CircuitTask extends AdminTask {
        private final ControlPlane control;
        private final AuditLog audit;

        CircuitTask(ControlPlane control, AuditLog audit) {
            super("llm-circuit", "Opens or resets a provider's circuit breaker, on every replica.",
                    providerParameter(), TaskParameter.required("action", "open|reset|close"));
            this.control = control;
            this.audit = audit;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            ProviderSlot slot = slot(control, input);
            String action = input.oneOf("action", Set.of("open", "reset", "close"));
            var breaker = slot.breaker();
            if (action.equals("open")) {
                control.forceOpen(slot.name());
            } else {
                control.reset(slot.name());
            }
            audit.record(AuditEvent.of("llm.circuit_" + action).byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " circuit is now " + breaker.getState().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code POST /tasks/llm-provider?provider=openrouter&action=enable|disable}, on every replica. */
    static final class ProviderTask extends AdminTask {
        private final ControlPlane control;
        private final AuditLog audit;

        ProviderTask(ControlPlane control, AuditLog audit) {
            super("llm-provider", "Takes a provider out of the routing, or puts it back, on every replica.",
                    providerParameter(), TaskParameter.required("action", "enable|disable"));
            this.control = control;
            this.audit = audit;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            ProviderSlot slot = slot(control, input);
            String action = input.oneOf("action", Set.of("enable", "disable"));
            control.setEnabled(slot.name(), "enable".equals(action));
            audit.record(AuditEvent.of("llm.provider_" + action + "d").byLabel("admin-task").on("provider", slot.name()));
            output.println(slot.name() + " is now " + (slot.isEnabled() ? "enabled" : "disabled"));
        }
    }

    /** {@code POST /tasks/llm-budget-reset}: today's spend so far stops counting against the cap, everywhere. */
    static final class BudgetResetTask extends AdminTask {
        private final ControlPlane control;
        private final BudgetTracker budget;
        private final AuditLog audit;

        BudgetResetTask(ControlPlane control, BudgetTracker budget, AuditLog audit) {
            super("llm-budget-reset", "Today's model spend so far stops counting against the daily cap, everywhere.");
            this.control = control;
            this.budget = budget;
            this.audit = audit;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            double before = budget.spentToday();
            control.resetBudget();
            audit.record(AuditEvent.of("llm.budget_reset").byLabel("admin-task")
                    .with(Map.of("spentBeforeUsd", before)));
            output.printf(Locale.ROOT, "budget reset: %.6f USD spent today no longer counts; limit %.2f USD%n",
                    before, budget.dailyLimit());
        }
    }
}
