package com.genaiauto.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.AppointmentStatus;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vin;
import com.genaiauto.customers.service.AppointmentService;
import com.genaiauto.customers.service.CustomerProfiles;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.customers.service.DefaultCustomerTools;
import com.genaiauto.customers.service.VehicleService;
import com.genaiauto.platform.db.DatabaseModule;
import com.genaiauto.platform.db.Migrations;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Vins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The plain-Java tool API the assistant uses, with the owner's identity and ownership rules. */
@DisplayName("Customer tools for the assistant")
class CustomerToolsIT {

    private static TestDatabase database;
    private static Jdbi jdbi;
    private static CustomerTools tools;
    private static VehicleService vehicles;
    private static CustomerProfiles profiles;

    @BeforeAll
    static void setUp() {
        database = TestDatabase.create();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(TestDatabase.USER);
        source.setPassword(TestDatabase.PASSWORD);
        new Migrations(source, Map.of("embedding_dimension", "384")).migrate();
        jdbi = DatabaseModule.configure(Jdbi.create(source));
        Clock clock = Clock.systemUTC();
        profiles = new CustomerProfiles(jdbi);
        vehicles = new VehicleService(jdbi, profiles);
        var defaults = new com.genaiauto.customers.CustomersConfig();
        AppointmentService appointments = new AppointmentService(jdbi, vehicles, profiles, defaults.dealers(),
                Duration.ofMinutes(30), Duration.ofDays(90), defaults.maxUpcomingAppointments(), clock);
        tools = new DefaultCustomerTools(vehicles, appointments, clock);
    }

    @AfterAll
    static void tearDown() {
        database.drop();
    }

    private static AuthenticatedUser anOwner() {
        UUID userId = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'x')",
                userId, Accounts.uniqueEmail("tool")));
        profiles.createForUser(userId, "Tool Owner", null, null);
        return AuthenticatedUser.internal(userId, Role.CUSTOMER);
    }

    private static UUID aVehicleOf(AuthenticatedUser owner) {
        return vehicles.add(owner, new VehicleService.NewVehicle(null, Vin.of(Vins.random()), "Aster", "Volt", 2024,
                "electric", 1000, null)).id();
    }

    private static Instant slot(int daysAhead, String time) {
        return Accounts.nextWeekday(daysAhead).atTime(LocalTime.parse(time)).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void shouldBookRescheduleAndCancelForTheOwner() {
        AuthenticatedUser owner = anOwner();
        UUID vehicle = aVehicleOf(owner);
        assertThat(tools.vehicles(owner)).extracting(v -> v.id()).containsExactly(vehicle);
        LocalDate day = Accounts.nextWeekday(20);
        assertThat(tools.freeSlots("south", day, ServiceType.BATTERY_CHECK)).isNotEmpty();

        Appointment booked = tools.book(owner, vehicle, ServiceType.BATTERY_CHECK, "south", slot(20, "10:00"), "noise");
        Appointment moved = tools.reschedule(owner, booked.id(), slot(20, "11:00"));
        assertThat(moved.startsAt()).isEqualTo(slot(20, "11:00"));
        assertThat(tools.upcomingAppointments(owner)).extracting(Appointment::id).containsExactly(booked.id());

        assertThat(tools.cancel(owner, booked.id()).status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(tools.upcomingAppointments(owner)).isEmpty();
    }

    @Test
    void shouldNotLetAnOwnerTouchAnotherOwnersVehicleOrAppointment() {
        AuthenticatedUser owner = anOwner();
        AuthenticatedUser stranger = anOwner();
        UUID vehicle = aVehicleOf(owner);
        Appointment booked = tools.book(owner, vehicle, ServiceType.INSPECTION, "south", slot(21, "09:00"), null);

        assertThatThrownBy(() -> tools.book(stranger, vehicle, ServiceType.INSPECTION, "south", slot(21, "13:00"), null))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> tools.cancel(stranger, booked.id())).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> tools.serviceHistory(stranger, vehicle, 10)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(tools.vehicles(stranger)).isEmpty();
    }
}
