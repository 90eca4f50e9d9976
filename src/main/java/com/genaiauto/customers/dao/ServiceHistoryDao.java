package com.genaiauto.customers.dao;

import com.genaiauto.customers.model.ServiceRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ServiceRecord.class)
public interface ServiceHistoryDao {

    String COLUMNS = "id, vehicle_id, service_date, service_type, description, mileage_km, dealer, cost, currency, "
            + "created_at";

    @SqlUpdate("""
            INSERT INTO service_history (id, vehicle_id, service_date, service_type, description, mileage_km, dealer,
                                         cost, currency)
            VALUES (:id, :vehicleId, :serviceDate, :serviceType, :description, :mileageKm, :dealer, :cost, :currency)""")
    void insert(@Bind("id") UUID id, @Bind("vehicleId") UUID vehicleId, @Bind("serviceDate") LocalDate serviceDate,
                @Bind("serviceType") String serviceType, @Bind("description") String description,
                @Bind("mileageKm") Integer mileageKm, @Bind("dealer") String dealer, @Bind("cost") BigDecimal cost,
                @Bind("currency") String currency);

    @SqlQuery("SELECT " + COLUMNS + " FROM service_history WHERE id = :id")
    Optional<ServiceRecord> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM service_history WHERE vehicle_id = :vehicleId "
            + "ORDER BY service_date DESC, created_at DESC LIMIT :limit OFFSET :offset")
    List<ServiceRecord> list(@Bind("vehicleId") UUID vehicleId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM service_history WHERE vehicle_id = :vehicleId")
    long count(@Bind("vehicleId") UUID vehicleId);
}
