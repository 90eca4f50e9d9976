package com.genaiauto.llm.governance;

import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Administrators set, read and lift the limits of keys and users, and read usage reports. */
public final class LimitsAdmin {

    /** The subject of a set of limits. */
    public enum Subject { KEY, USER }

    private static final int MAX_REPORT_DAYS = 366;

    private final Jdbi jdbi;
    private final LimitChanges changes;
    private final AuditLog audit;

    public LimitsAdmin(Jdbi jdbi, LimitChanges changes, AuditLog audit) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.audit = audit;
    }

    public SpendLimits get(Subject subject, UUID id) {
        LimitsDao dao = jdbi.onDemand(LimitsDao.class);
        return (subject == Subject.KEY ? dao.forKey(id) : dao.forUser(id))
                .orElseThrow(() -> new ResourceNotFoundException("No limits are set for this " + noun(subject) + "."));
    }

    public SpendLimits put(Subject subject, UUID id, SpendLimits limits, UUID adminId) {
        LimitsDao dao = jdbi.onDemand(LimitsDao.class);
        try {
            if (subject == Subject.KEY) {
                dao.putForKey(id, limits);
            } else {
                dao.putForUser(id, limits);
            }
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
                throw new ResourceNotFoundException("No such " + noun(subject) + ".");
            }
            throw e;
        }
        changes.changed(id);
        audit.record(AuditEvent.of("llm.limits.set").by(adminId).on(noun(subject), id)
                .with(Map.of("dailyBudgetUsd", String.valueOf(limits.dailyBudgetUsd()),
                        "monthlyBudgetUsd", String.valueOf(limits.monthlyBudgetUsd()),
                        "overBudget", limits.overBudgetName())));
        return get(subject, id);
    }

    public void delete(Subject subject, UUID id, UUID adminId) {
        LimitsDao dao = jdbi.onDemand(LimitsDao.class);
        int removed = subject == Subject.KEY ? dao.deleteForKey(id) : dao.deleteForUser(id);
        if (removed == 0) {
            throw new ResourceNotFoundException("No limits are set for this " + noun(subject) + ".");
        }
        changes.changed(id);
        audit.record(AuditEvent.of("llm.limits.removed").by(adminId).on(noun(subject), id));
    }

    /** Gateway usage over whole UTC days, {@code from} and {@code to} included (today when absent). */
    public UsageReport report(UsageGrouping by, LocalDate from, LocalDate to, UUID keyId, UUID userId) {
        Period period = Period.of(from, to);
        var rows = jdbi.onDemand(UsageDao.class).report(by, period.start(), period.end(), keyId, userId);
        return new UsageReport(by, period.first(), period.last(), rows);
    }

    /** The same per UTC day and group, for charts; grouping by day alone is {@link #report}'s job. */
    public DailyUsageReport dailyReport(UsageGrouping by, LocalDate from, LocalDate to, UUID keyId, UUID userId) {
        if (by == UsageGrouping.DAY) {
            throw new UnprocessableException("by must be key, user or model; every row is a day already.");
        }
        Period period = Period.of(from, to);
        List<DailyUsageRow> rows = jdbi.onDemand(UsageDao.class).daily(by, period.start(), period.end(), keyId, userId);
        boolean truncated = rows.size() > DailyUsageReport.MAX_ROWS;
        return new DailyUsageReport(by, period.first(), period.last(),
                truncated ? rows.subList(0, DailyUsageReport.MAX_ROWS) : rows, truncated);
    }

    /** Whole UTC days, both included; the last defaults to today and the first to the last. */
    private record Period(LocalDate first, LocalDate last) {
        static Period of(LocalDate from, LocalDate to) {
            LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
            LocalDate first = from == null ? last : from;
            if (first.isAfter(last) || first.plusDays(MAX_REPORT_DAYS).isBefore(last)) {
                throw new UnprocessableException(
                        "from must not be after to, and a report covers at most " + MAX_REPORT_DAYS + " days.");
            }
            return new Period(first, last);
        }

        Instant start() {
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static String noun(Subject subject) {
        return subject == Subject.KEY ? "api_key" : "user";
    }
}
