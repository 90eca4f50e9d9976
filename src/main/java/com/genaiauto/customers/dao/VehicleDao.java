package com.genaiauto.customers.dao;

import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.model.VehicleModel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Vehicle.class)
public interface VehicleDao {

    String COLUMNS = "id, customer_id, vin, make, model, model_year, powertrain, mileage_km, license_plate, "
            + "ownership_verified_at IS NOT NULL AS ownership_verified, created_at, updated_at";

    @SqlUpdate("""
            INSERT INTO vehicles (id, customer_id, vin, make, model, model_year, powertrain, mileage_km, license_plate)
            VALUES (:id, :customerId, :vin, :make, :model, :modelYear, :powertrain, :mileageKm, :licensePlate)""")
    void insert(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("vin") String vin,
                @Bind("make") String make, @Bind("model") String model, @Bind("modelYear") int modelYear,
                @Bind("powertrain") String powertrain, @Bind("mileageKm") int mileageKm,
                @Bind("licensePlate") String licensePlate);

    @SqlQuery("SELECT " + COLUMNS + " FROM vehicles WHERE id = :id")
    Optional<Vehicle> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM vehicles WHERE CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<Vehicle> list(@Bind("customerId") UUID customerId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM vehicles WHERE CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId")
    long count(@Bind("customerId") UUID customerId);

    @SqlUpdate("""
            UPDATE vehicles SET mileage_km = coalesce(:mileageKm, mileage_km),
                   license_plate = coalesce(:licensePlate, license_plate), updated_at = now()
            WHERE id = :id""")
    int update(@Bind("id") UUID id, @Bind("mileageKm") Integer mileageKm, @Bind("licensePlate") String licensePlate);

    @SqlUpdate("UPDATE vehicles SET mileage_km = greatest(mileage_km, :mileageKm), updated_at = now() WHERE id = :id")
    void raiseMileage(@Bind("id") UUID id, @Bind("mileageKm") int mileageKm);

    /** Marks the claim as the VIN's verified one; a unique violation when another claim already is. */
    @SqlUpdate("""
            UPDATE vehicles SET ownership_verified_at = coalesce(ownership_verified_at, now()),
                   ownership_verified_by = coalesce(ownership_verified_by, :by), updated_at = now()
            WHERE id = :id""")
    int verifyOwnership(@Bind("id") UUID id, @Bind("by") UUID verifiedBy);

    /** Claims of VINs that more than one customer has claimed, a VIN's claims together, oldest first. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM vehicles v
            WHERE (CAST(:vin AS text) IS NULL OR v.vin = :vin)
              AND EXISTS (SELECT 1 FROM vehicles other WHERE other.vin = v.vin AND other.id <> v.id)
            ORDER BY v.vin, v.created_at, v.id LIMIT :limit OFFSET :offset""")
    List<Vehicle> contested(@Bind("vin") String vin, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("""
            SELECT count(*) FROM vehicles v
            WHERE (CAST(:vin AS text) IS NULL OR v.vin = :vin)
              AND EXISTS (SELECT 1 FROM vehicles other WHERE other.vin = v.vin AND other.id <> v.id)""")
    long countContested(@Bind("vin") String vin);

    @SqlUpdate("DELETE FROM vehicles WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT make, model, min(model_year) AS first_year, max(model_year) AS last_year FROM vehicles
            GROUP BY make, model ORDER BY make, model""")
    @RegisterConstructorMapper(VehicleModel.class)
    List<VehicleModel> models();
}
