package com.genaiauto.llm.task;

import com.genaiauto.llm.control.ControlPlane;
import com.genaiauto.llm.control.ProviderSwitches;
import com.genaiauto.llm.control.ProviderSwitches.Switch;
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

    public static List<AdminTask> all(ControlPlane control, ProviderSwitches switches, BudgetTracker budget,
                                      AuditLog audit) {
        return List.of(new CircuitTask(switches), new ProviderTask(switches),
                new BudgetResetTask(control, budget, audit));
    }

    private static ProviderSlot slot(ProviderSwitches switches, TaskInput input) {
        return switches.slot(input.text("provider")).orElseThrow(() -> TaskFailure.invalid(
                "pass provider=<name>, one of " + String.join(", ", switches.providers())));
    }

    private static AuditEvent byTask(AuditEvent event) {
        return event.byLabel("admin-task");
    }

    private static TaskParameter providerParameter() {
        return TaskParameter.required("provider", "a configured provider's name");
    }

    /** {@code POST /tasks/llm-circuit?provider=openrouter&action=reset|open|close}, on every replica. */
    static final class CircuitTask extends AdminTask {
        private static final Map<String, Switch> ACTIONS = Map.of("open", Switch.OPEN_CIRCUIT,
                "reset", Switch.RESET_CIRCUIT, "close", Switch.CLOSE_CIRCUIT);
        private final ProviderSwitches switches;

        CircuitTask(ProviderSwitches switches) {
            super("llm-circuit", "Opens or resets a provider's circuit breaker, on every replica.",
                    providerParameter(), TaskParameter.required("action", "open|reset|close"));
            this.switches = switches;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            ProviderSlot slot = slot(switches, input);
            String action = input.oneOf("action", ACTIONS.keySet());
            switches.flip(slot, ACTIONS.get(action), LlmTasks::byTask);
            output.println(slot.name() + " circuit is now " + slot.breaker().getState().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code POST /tasks/llm-provider?provider=openrouter&action=enable|disable}, on every replica. */
    static final class ProviderTask extends AdminTask {
        private final ProviderSwitches switches;

        ProviderTask(ProviderSwitches switches) {
            super("llm-provider", "Takes a provider out of the routing, or puts it back, on every replica.",
                    providerParameter(), TaskParameter.required("action", "enable|disable"));
            this.switches = switches;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            ProviderSlot slot = slot(switches, input);
            String action = input.oneOf("action", Set.of("enable", "disable"));
            switches.flip(slot, "enable".equals(action) ? Switch.ENABLE : Switch.DISABLE, LlmTasks::byTask);
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
