package com.genaiauto.customers.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One past visit in a vehicle's service history. */
public record ServiceRecord(UUID id, UUID vehicleId, LocalDate serviceDate, String serviceType, String description,
                            Integer mileageKm, String dealer, BigDecimal cost, String currency, Instant createdAt) {
}
