package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the assistant may do for an owner, as plain Java calls. Every call runs with the owner's
 * identity and the same ownership rules as the HTTP API.
 */
public interface CustomerTools {

    List<Vehicle> vehicles(AuthenticatedUser owner);

    List<ServiceRecord> serviceHistory(AuthenticatedUser owner, UUID vehicleId, int limit);

    List<Dealer> dealers();

    List<FreeSlot> freeSlots(String dealer, LocalDate date, ServiceType serviceType);

    List<Appointment> upcomingAppointments(AuthenticatedUser owner);

    Appointment book(AuthenticatedUser owner, UUID vehicleId, ServiceType serviceType, String dealer, Instant startsAt,
                     String notes);

    Appointment reschedule(AuthenticatedUser owner, UUID appointmentId, Instant startsAt);

    Appointment cancel(AuthenticatedUser owner, UUID appointmentId);
}
