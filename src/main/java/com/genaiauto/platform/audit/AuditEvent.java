package com.genaiauto.platform.audit;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One security- or operations-relevant event for the audit log. {@code details} must never hold
 * secrets (passwords, tokens, keys); callers record identifiers and outcomes only.
 */
public record AuditEvent(String action, UUID actorUserId, String actorLabel, String targetType, String targetId,
                         String clientAddress, Map<String, Object> details) {

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEvent of(String action) {
        return new AuditEvent(action, null, null, null, null, null, Map.of());
    }

    public AuditEvent by(UUID userId) {
        return new AuditEvent(action, userId, actorLabel, targetType, targetId, clientAddress, details);
    }

    public AuditEvent byLabel(String label) {
        return new AuditEvent(action, actorUserId, label, targetType, targetId, clientAddress, details);
    }

    public AuditEvent on(String type, Object id) {
        return new AuditEvent(action, actorUserId, actorLabel, type, id == null ? null : id.toString(), clientAddress, details);
    }

    public AuditEvent from(String address) {
        return new AuditEvent(action, actorUserId, actorLabel, targetType, targetId, address, details);
    }

    public AuditEvent with(Map<String, Object> more) {
        return new AuditEvent(action, actorUserId, actorLabel, targetType, targetId, clientAddress, more);
    }
}
