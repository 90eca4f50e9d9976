package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.platform.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@link CustomerTools} over the module's services. */
public final class DefaultCustomerTools implements CustomerTools {

    private final VehicleService vehicles;
    private final AppointmentService appointments;
    private final Clock clock;

    public DefaultCustomerTools(VehicleService vehicles, AppointmentService appointments, Clock clock) {
        this.vehicles = vehicles;
        this.appointments = appointments;
        this.clock = clock;
    }

    @Override
    public List<Vehicle> vehicles(AuthenticatedUser owner) {
        return vehicles.list(owner, null, new PageRequest(PageRequest.MAX_LIMIT, 0)).items();
    }

    @Override
    public List<ServiceRecord> serviceHistory(AuthenticatedUser owner, UUID vehicleId, int limit) {
        return vehicles.history(owner, vehicleId, new PageRequest(Math.min(Math.max(limit, 1), PageRequest.MAX_LIMIT), 0))
                .items();
    }

    @Override
    public List<Dealer> dealers() {
        return appointments.dealers();
    }

    @Override
    public List<FreeSlot> freeSlots(String dealer, LocalDate date, ServiceType serviceType) {
        return appointments.freeSlots(dealer, date, serviceType);
    }

    @Override
    public List<Appointment> upcomingAppointments(AuthenticatedUser owner) {
        return appointments.list(owner, new AppointmentService.Filter(null, null, null, null, clock.instant(), null),
                new PageRequest(PageRequest.MAX_LIMIT, 0)).items().stream()
                .filter(appointment -> appointment.status().isActive())
                .toList();
    }

    @Override
    public Appointment book(AuthenticatedUser owner, UUID vehicleId, ServiceType serviceType, String dealer,
                            Instant startsAt, String notes) {
        return appointments.book(owner, new AppointmentService.Booking(vehicleId, serviceType, dealer, startsAt, null,
                notes));
    }

    @Override
    public Appointment reschedule(AuthenticatedUser owner, UUID appointmentId, Instant startsAt) {
        return appointments.reschedule(owner, appointmentId, startsAt, null);
    }

    @Override
    public Appointment cancel(AuthenticatedUser owner, UUID appointmentId) {
        return appointments.cancel(owner, appointmentId);
    }
}
