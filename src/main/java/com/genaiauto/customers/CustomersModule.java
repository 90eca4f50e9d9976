package com.genaiauto.customers;

import com.genaiauto.auth.service.AuthService;
import com.genaiauto.customers.resource.AppointmentResource;
import com.genaiauto.customers.resource.CustomerResource;
import com.genaiauto.customers.resource.VehicleResource;
import com.genaiauto.customers.service.AppointmentService;
import com.genaiauto.customers.service.CustomerProfiles;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.customers.service.DefaultCustomerTools;
import com.genaiauto.customers.service.DefaultSupportRecords;
import com.genaiauto.customers.service.SupportRecords;
import com.genaiauto.customers.service.VehicleService;
import com.genaiauto.platform.PlatformModule;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;

/**
 * Customers, vehicles, service history and appointments. Other modules use {@link CustomerTools}
 * (on an owner's behalf) and {@link SupportRecords} (for the support team).
 * Registering an account creates the owner's customer profile in the same transaction.
 */
public final class CustomersModule {

    private final CustomerProfiles profiles;
    private final VehicleService vehicles;
    private final AppointmentService appointments;
    private final CustomerTools tools;
    private final SupportRecords supportRecords;

    public CustomersModule(CustomersConfig config, PlatformModule platform, AuthService auth) {
        Clock clock = Clock.systemUTC();
        this.profiles = new CustomerProfiles(platform.jdbi());
        this.vehicles = new VehicleService(platform.jdbi(), profiles);
        this.appointments = new AppointmentService(platform.jdbi(), vehicles, profiles, config.dealers(),
                Duration.ofMinutes(config.slotMinutes()), Duration.ofDays(config.bookingHorizonDays()),
                config.maxUpcomingAppointments(), clock);
        this.tools = new DefaultCustomerTools(vehicles, appointments, clock);
        this.supportRecords = new DefaultSupportRecords(profiles, vehicles);
        auth.addRegistrationListener((user, registration) -> profiles.createForUser(user.id(),
                registration.fullName(), user.email(), registration.phone()));
    }

    public void register(Environment environment) {
        environment.jersey().register(new CustomerResource(profiles));
        environment.jersey().register(new VehicleResource(vehicles));
        environment.jersey().register(new AppointmentResource(appointments));
    }

    public CustomerProfiles profiles() {
        return profiles;
    }

    public VehicleService vehicles() {
        return vehicles;
    }

    public CustomerTools tools() {
        return tools;
    }

    public SupportRecords supportRecords() {
        return supportRecords;
    }
}
