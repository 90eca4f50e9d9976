package com.genaiauto.customers.dao;

import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.AppointmentStatus;
import com.genaiauto.customers.model.ServiceType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Appointments; a slot is a half-open {@code tstzrange} guarded by an exclusion constraint. */
@RegisterRowMapper(AppointmentDao.AppointmentMapper.class)
public interface AppointmentDao {

    String COLUMNS = "id, vehicle_id, customer_id, service_type, dealer, bay, lower(slot) AS starts_at, "
            + "upper(slot) AS ends_at, status, notes, created_at, updated_at";

    @SqlUpdate("""
            INSERT INTO appointments (id, vehicle_id, customer_id, service_type, dealer, bay, slot, status, notes, created_by)
            VALUES (:id, :vehicleId, :customerId, :serviceType, :dealer, :bay, tstzrange(:startsAt, :endsAt, '[)'),
                    'requested', :notes, :createdBy)""")
    void insert(@Bind("id") UUID id, @Bind("vehicleId") UUID vehicleId, @Bind("customerId") UUID customerId,
                @Bind("serviceType") String serviceType, @Bind("dealer") String dealer, @Bind("bay") String bay,
                @Bind("startsAt") Instant startsAt, @Bind("endsAt") Instant endsAt, @Bind("notes") String notes,
                @Bind("createdBy") UUID createdBy);

    @SqlQuery("SELECT " + COLUMNS + " FROM appointments WHERE id = :id")
    Optional<Appointment> findById(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT\s""" + COLUMNS + """
             FROM appointments
            WHERE (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:vehicleId AS uuid) IS NULL OR vehicle_id = :vehicleId)
              AND (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:dealer AS text) IS NULL OR dealer = :dealer)
              AND (CAST(:from AS timestamptz) IS NULL OR upper(slot) > :from)
              AND (CAST(:to AS timestamptz) IS NULL OR lower(slot) < :to)
            ORDER BY lower(slot), id LIMIT :limit OFFSET :offset""")
    List<Appointment> list(@Bind("customerId") UUID customerId, @Bind("vehicleId") UUID vehicleId,
                           @Bind("status") String status, @Bind("dealer") String dealer, @Bind("from") Instant from,
                           @Bind("to") Instant to, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("""
            SELECT count(*) FROM appointments
            WHERE (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:vehicleId AS uuid) IS NULL OR vehicle_id = :vehicleId)
              AND (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:dealer AS text) IS NULL OR dealer = :dealer)
              AND (CAST(:from AS timestamptz) IS NULL OR upper(slot) > :from)
              AND (CAST(:to AS timestamptz) IS NULL OR lower(slot) < :to)""")
    long count(@Bind("customerId") UUID customerId, @Bind("vehicleId") UUID vehicleId, @Bind("status") String status,
               @Bind("dealer") String dealer, @Bind("from") Instant from, @Bind("to") Instant to);

    /** Active appointments of a dealer overlapping [from, to), for free-slot search. */
    @SqlQuery("SELECT " + COLUMNS + " FROM appointments WHERE dealer = :dealer AND status IN ('requested', 'confirmed') "
            + "AND slot && tstzrange(:from, :to, '[)') ORDER BY lower(slot)")
    List<Appointment> activeBetween(@Bind("dealer") String dealer, @Bind("from") Instant from, @Bind("to") Instant to);

    /** The active appointment that holds a bay during [from, to), if any. */
    @SqlQuery("SELECT " + COLUMNS + " FROM appointments WHERE dealer = :dealer AND bay = :bay "
            + "AND status IN ('requested', 'confirmed') AND slot && tstzrange(:from, :to, '[)') "
            + "AND id <> coalesce(CAST(:excluding AS uuid), '00000000-0000-0000-0000-000000000000') LIMIT 1")
    Optional<Appointment> occupying(@Bind("dealer") String dealer, @Bind("bay") String bay, @Bind("from") Instant from,
                                    @Bind("to") Instant to, @Bind("excluding") UUID excluding);

    /** Changes the status only from one of the given states; 0 rows means someone else moved it first. */
    @SqlUpdate("UPDATE appointments SET status = :status, updated_at = now() "
            + "WHERE id = :id AND status = ANY(CAST(:from AS text[]))")
    int updateStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("from") String[] from);

    @SqlUpdate("""
            UPDATE appointments SET slot = tstzrange(:startsAt, :endsAt, '[)'), bay = :bay, status = :status,
                   updated_at = now()
            WHERE id = :id AND status IN ('requested', 'confirmed')""")
    int reschedule(@Bind("id") UUID id, @Bind("bay") String bay, @Bind("startsAt") Instant startsAt,
                   @Bind("endsAt") Instant endsAt, @Bind("status") String status);

    /**
     * Locks the customer's row until the transaction ends: concurrent bookings of one customer take
     * turns, so a limit checked on {@link #countUpcoming} holds. A statement of its own, so that the
     * count that follows reads what the bookings it waited for committed.
     */
    @SqlQuery("SELECT id FROM customers WHERE id = :customerId FOR UPDATE")
    Optional<UUID> lockCustomer(@Bind("customerId") UUID customerId);

    @SqlQuery("""
            SELECT count(*) FROM appointments
            WHERE customer_id = :customerId AND status IN ('requested', 'confirmed') AND upper(slot) > now()""")
    int countUpcoming(@Bind("customerId") UUID customerId);

    @SqlUpdate("UPDATE appointments SET notes = :notes, updated_at = now() WHERE id = :id")
    int updateNotes(@Bind("id") UUID id, @Bind("notes") String notes);

    final class AppointmentMapper implements RowMapper<Appointment> {
        @Override
        public Appointment map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Appointment(rs.getObject("id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                    rs.getObject("customer_id", UUID.class), ServiceType.parse(rs.getString("service_type")),
                    rs.getString("dealer"), rs.getString("bay"), rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(), AppointmentStatus.parse(rs.getString("status")),
                    rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }
}
