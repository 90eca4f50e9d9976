package com.genaiauto.customers.model;

import java.time.Instant;
import java.util.UUID;

/** A booked workshop slot: one bay of one dealer for [startsAt, endsAt). */
public record Appointment(UUID id, UUID vehicleId, UUID customerId, ServiceType serviceType, String dealer,
                          String bay, Instant startsAt, Instant endsAt, AppointmentStatus status, String notes,
                          Instant createdAt, Instant updatedAt) {
}
