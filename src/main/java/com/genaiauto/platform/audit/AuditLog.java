package com.genaiauto.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.web.RequestIds;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to {@code audit_log}. Joins the caller's transaction when there is one (JDBI
 * reuses the thread's handle), so an event is stored exactly when the change it describes is.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Housekeeping: removes entries older than {@code days}; returns how many. */
    public int purgeOlderThan(int days) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM audit_log WHERE occurred_at < now() - make_interval(days => :days)")
                .bind("days", days).execute());
    }

    public void record(AuditEvent event) {
        String details;
        try {
            details = JSON.writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            details = "{}";
        }
        String json = details;
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_log (actor_user_id, actor_label, action, target_type, target_id,
                                               client_address, request_id, details)
                        VALUES (:actor, :label, :action, :targetType, :targetId,
                                CAST(:address AS inet), :requestId, CAST(:details AS jsonb))""")
                .bind("actor", event.actorUserId())
                .bind("label", event.actorLabel())
                .bind("action", event.action())
                .bind("targetType", event.targetType())
                .bind("targetId", event.targetId())
                .bind("address", validAddress(event.clientAddress()))
                .bind("requestId", RequestIds.current())
                .bind("details", json)
                .execute());
        LOG.info("{} actor={} target={}:{} from={}", event.action(), event.actorUserId(), event.targetType(),
                event.targetId(), event.clientAddress());
    }

    private static String validAddress(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.]{2,45}")) {
            return null;
        }
        return address;
    }
}
