package com.genaiauto.customers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.customers.model.Dealer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the customers module: the dealers' workshops (bays, hours), the booking grid and
 * SCHEDULER_API_URL (an external dealer scheduler, optional).
 */
public class CustomersConfig {

    @JsonProperty
    private String schedulerApiUrl = "";

    /** Appointments start on this grid, in minutes from opening time. */
    @Min(5) @Max(240)
    @JsonProperty
    private int slotMinutes = 30;

    /** How far ahead owners may book. */
    @Min(1) @Max(365)
    @JsonProperty
    private int bookingHorizonDays = 90;

    /** A customer's own bookings still to come, at most (staff may book more for them). */
    @Min(1)
    @Max(100)
    @JsonProperty
    private int maxUpcomingAppointments = 5;

    @Valid @NotEmpty
    @JsonProperty
    private List<DealerConfig> dealers = List.of(
            new DealerConfig("north", "Aster Motors North", "Europe/Berlin", List.of("bay-1", "bay-2", "bay-3"),
                    "08:00", "18:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
            new DealerConfig("south", "Aster Motors South", "Europe/Berlin", List.of("bay-1", "bay-2"),
                    "09:00", "17:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY)));

    public String schedulerApiUrl() {
        return schedulerApiUrl;
    }

    public int slotMinutes() {
        return slotMinutes;
    }

    public int maxUpcomingAppointments() {
        return maxUpcomingAppointments;
    }

    public int bookingHorizonDays() {
        return bookingHorizonDays;
    }

    public List<Dealer> dealers() {
        return dealers.stream().map(DealerConfig::toDealer).toList();
    }

    public static class DealerConfig {
        @NotBlank
        @JsonProperty
        private String id;

        @NotBlank
        @JsonProperty
        private String name;

        @NotBlank
        @JsonProperty
        private String timeZone = "UTC";

        @NotEmpty
        @JsonProperty
        private List<@NotBlank String> bays;

        @NotBlank
        @JsonProperty
        private String opens = "08:00";

        @NotBlank
        @JsonProperty
        private String closes = "18:00";

        @NotNull
        @JsonProperty
        private Set<DayOfWeek> openDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

        public DealerConfig() {
        }

        DealerConfig(String id, String name, String timeZone, List<String> bays, String opens, String closes,
                     Set<DayOfWeek> openDays) {
            this.id = id;
            this.name = name;
            this.timeZone = timeZone;
            this.bays = bays;
            this.opens = opens;
            this.closes = closes;
            this.openDays = openDays;
        }

        Dealer toDealer() {
            ZoneId.of(timeZone);
            LocalTime open = LocalTime.parse(opens);
            LocalTime close = LocalTime.parse(closes);
            if (!close.isAfter(open)) {
                throw new IllegalArgumentException("dealer " + id + " closes before it opens");
            }
            return new Dealer(id, name, timeZone, bays, open, close, openDays);
        }
    }
}
