package com.genaiauto.customers.resource;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Request bodies of the customer-domain endpoints. */
public final class CustomerRequests {

    private CustomerRequests() {
    }

    public record NewCustomer(@NotBlank @Size(max = 120) String fullName,
                              @Email @Size(max = 254) String email,
                              @Size(max = 40) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
                              @Size(max = 60) String preferredDealer,
                              UUID userId) {
    }

    public record CustomerUpdate(@Size(min = 1, max = 120) String fullName,
                                 @Email @Size(max = 254) String email,
                                 @Size(max = 40) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
                                 @Size(max = 60) String preferredDealer) {
    }

    public record NewVehicle(UUID customerId,
                             @NotBlank @Size(max = 24) String vin,
                             @NotBlank @Size(max = 60) String make,
                             @NotBlank @Size(max = 60) String model,
                             @NotNull @Min(1980) @Max(2100) Integer modelYear,
                             @Pattern(regexp = "^(petrol|diesel|hybrid|plug_in_hybrid|electric)$") String powertrain,
                             @Min(0) @Max(3_000_000) Integer mileageKm,
                             @Size(max = 20) String licensePlate) {
    }

    public record VehicleUpdate(@Min(0) @Max(3_000_000) Integer mileageKm, @Size(max = 20) String licensePlate) {
    }

    public record NewServiceRecord(@NotNull @PastOrPresent LocalDate serviceDate,
                                   @NotBlank @Size(max = 60) String serviceType,
                                   @Size(max = 2000) String description,
                                   @Min(0) @Max(3_000_000) Integer mileageKm,
                                   @Size(max = 60) String dealer,
                                   @DecimalMin("0") BigDecimal cost,
                                   @Pattern(regexp = "^[A-Z]{3}$") String currency) {
    }

    public record NewAppointment(@NotNull UUID vehicleId,
                                 @NotBlank String serviceType,
                                 @NotBlank @Size(max = 60) String dealer,
                                 @NotNull Instant startsAt,
                                 @Size(max = 60) String bay,
                                 @Size(max = 2000) String notes) {
    }

    public record Reschedule(@NotNull Instant startsAt, @Size(max = 60) String bay) {
    }

    public record Completion(@Min(0) @Max(3_000_000) Integer mileageKm, @Size(max = 2000) String notes) {
    }
}
