package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.platform.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SupportRecords} over the module's services. */
public final class DefaultSupportRecords implements SupportRecords {

    private final CustomerProfiles profiles;
    private final VehicleService vehicles;

    public DefaultSupportRecords(CustomerProfiles profiles, VehicleService vehicles) {
        this.profiles = profiles;
        this.vehicles = vehicles;
    }

    @Override
    public Optional<Owner> owner(AuthenticatedUser staff, UUID userId) {
        return profiles.ofUser(staff, userId).map(customer -> new Owner(customer.id(), customer.fullName(),
                vehicles.list(staff, customer.id(), new PageRequest(PageRequest.MAX_LIMIT, 0)).items()));
    }

    @Override
    public Vehicle vehicle(AuthenticatedUser staff, UUID vehicleId) {
        CustomerProfiles.requireStaff(staff);
        return vehicles.get(staff, vehicleId);
    }

    @Override
    public List<ServiceRecord> serviceHistory(AuthenticatedUser staff, UUID vehicleId, int limit) {
        CustomerProfiles.requireStaff(staff);
        return vehicles.history(staff, vehicleId, new PageRequest(Math.min(Math.max(limit, 1), PageRequest.MAX_LIMIT), 0))
                .items();
    }
}
