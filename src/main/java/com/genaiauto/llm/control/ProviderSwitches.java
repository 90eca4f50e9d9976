package com.genaiauto.llm.control;

import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operator's switches of one remote provider, on every replica, each recorded in the audit
 * log. The admin tasks and the REST endpoints both flip them here, so both leave the same trail.
 */
public final class ProviderSwitches {

    /** A switch and the audit action it records. */
    public enum Switch {
        ENABLE("llm.provider_enabled"),
        DISABLE("llm.provider_disabled"),
        OPEN_CIRCUIT("llm.circuit_open"),
        RESET_CIRCUIT("llm.circuit_reset"),
        // The task's historical spelling of a reset; it is audited under its own name.
        CLOSE_CIRCUIT("llm.circuit_close");

        private final String auditAction;

        Switch(String auditAction) {
            this.auditAction = auditAction;
        }
    }

    private final ControlPlane control;
    private final AuditLog audit;

    public ProviderSwitches(ControlPlane control, AuditLog audit) {
        this.control = control;
        this.audit = audit;
    }

    /** A remote provider by name; the local extractive responder has no switches. */
    public Optional<ProviderSlot> slot(String provider) {
        return control.slot(provider);
    }

    public Iterable<String> providers() {
        return control.providers();
    }

    /** Flips {@code change} on every replica; {@code actor} names who did it in the audit event. */
    public ProviderSlot flip(ProviderSlot slot, Switch change, UnaryOperator<AuditEvent> actor) {
        switch (change) {
            case ENABLE -> control.setEnabled(slot.name(), true);
            case DISABLE -> control.setEnabled(slot.name(), false);
            case OPEN_CIRCUIT -> control.forceOpen(slot.name());
            case RESET_CIRCUIT, CLOSE_CIRCUIT -> control.reset(slot.name());
        }
        audit.record(actor.apply(AuditEvent.of(change.auditAction)).on("provider", slot.name()));
        return slot;
    }
}
