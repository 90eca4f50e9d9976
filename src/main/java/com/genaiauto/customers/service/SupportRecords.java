package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.Vehicle;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the support team may read about the owner of a conversation they take over, as plain Java
 * calls: the name to address them by, their vehicles and service history. Staff only (anyone else
 * is refused), with the same rules as the HTTP API. Contact details stay out: support answers in
 * the conversation.
 */
public interface SupportRecords {

    /** The owner behind a login; empty when the login has no customer profile. */
    Optional<Owner> owner(AuthenticatedUser staff, UUID userId);

    /** One vehicle; 404 when there is none. */
    Vehicle vehicle(AuthenticatedUser staff, UUID vehicleId);

    /** The most recent visits first, at most {@code limit}. */
    List<ServiceRecord> serviceHistory(AuthenticatedUser staff, UUID vehicleId, int limit);

    /**
     * An owner as support sees them.
     *
     * @param customerId the customer profile
     * @param fullName   the name to address the owner by
     * @param vehicles   the owner's vehicles
     */
    record Owner(UUID customerId, String fullName, List<Vehicle> vehicles) {

        public Owner {
            vehicles = List.copyOf(vehicles);
        }
    }
}
