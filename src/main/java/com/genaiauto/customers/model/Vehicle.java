package com.genaiauto.customers.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's vehicle: their claim to a VIN. Several customers may claim one VIN; staff verify
 * at most one claim as the owner's ({@code ownershipVerified}).
 */
public record Vehicle(UUID id, UUID customerId, String vin, String make, String model, int modelYear,
                      String powertrain, int mileageKm, String licensePlate, boolean ownershipVerified,
                      Instant createdAt, Instant updatedAt) {
}
