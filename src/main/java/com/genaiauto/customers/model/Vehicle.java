package com.genaiauto.customers.model;

import java.time.Instant;
import java.util.UUID;

/** A customer's vehicle. */
public record Vehicle(UUID id, UUID customerId, String vin, String make, String model, int modelYear,
                      String powertrain, int mileageKm, String licensePlate, Instant createdAt, Instant updatedAt) {
}
