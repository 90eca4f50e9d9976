package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.dao.AppointmentDao;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.AppointmentStatus;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import com.genaiauto.platform.db.SqlStates;
import org.jdbi.v3.core.Jdbi;

/**
 * Workshop appointments. The database's exclusion constraint is what prevents double booking,
 * including under concurrent requests; this class turns its verdict into a 409 that names the
 * slot, and checks everything the constraint cannot (opening hours, grid, ownership, state).
 */
public final class AppointmentService {

    /** The exclusion constraint (V6) that keeps one vehicle's active appointments from overlapping. */
    private static final String VEHICLE_ONCE_AT_A_TIME = "appointments_vehicle_once_at_a_time";

    private final Jdbi jdbi;
    private final AppointmentDao appointments;
    private final VehicleService vehicles;
    private final CustomerProfiles profiles;
    private final Map<String, Dealer> dealers;
    private final Duration grid;
    private final Duration horizon;
    private final Clock clock;
    private final int maxUpcoming;

    public AppointmentService(Jdbi jdbi, VehicleService vehicles, CustomerProfiles profiles, List<Dealer> dealers,
                              Duration grid, Duration horizon, int maxUpcoming, Clock clock) {
        this.jdbi = jdbi;
        this.appointments = jdbi.onDemand(AppointmentDao.class);
        this.vehicles = vehicles;
        this.profiles = profiles;
        this.dealers = dealers.stream().collect(Collectors.toMap(Dealer::id, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        this.grid = grid;
        this.horizon = horizon;
        this.clock = clock;
        this.maxUpcoming = maxUpcoming;
    }

    public record Booking(UUID vehicleId, ServiceType serviceType, String dealer, Instant startsAt, String bay,
                          String notes) {
    }

    public record Filter(UUID customerId, UUID vehicleId, AppointmentStatus status, String dealer, Instant from,
                         Instant to) {
    }

    public List<Dealer> dealers() {
        return List.copyOf(dealers.values());
    }

    public List<FreeSlot> freeSlots(String dealerId, LocalDate date, ServiceType serviceType) {
        Dealer dealer = dealer(dealerId);
        ZoneId zone = ZoneId.of(dealer.timeZone());
        if (!dealer.openDays().contains(date.getDayOfWeek())) {
            return List.of();
        }
        Instant dayStart = date.atTime(dealer.opens()).atZone(zone).toInstant();
        Instant dayEnd = date.atTime(dealer.closes()).atZone(zone).toInstant();
        List<Appointment> taken = appointments.activeBetween(dealer.id(), dayStart, dayEnd);
        Instant now = clock.instant();
        List<FreeSlot> free = new ArrayList<>();
        for (Instant start = dayStart; !start.plus(serviceType.duration()).isAfter(dayEnd); start = start.plus(grid)) {
            if (!start.isAfter(now)) {
                continue;
            }
            Instant end = start.plus(serviceType.duration());
            Instant slotStart = start;
            List<String> freeBays = dealer.bays().stream()
                    .filter(bay -> taken.stream().noneMatch(a -> a.bay().equals(bay)
                            && a.startsAt().isBefore(end) && a.endsAt().isAfter(slotStart)))
                    .toList();
            if (!freeBays.isEmpty()) {
                free.add(new FreeSlot(dealer.id(), start, end, freeBays));
            }
        }
        return free;
    }

    public Page<Appointment> list(AuthenticatedUser actor, Filter filter, PageRequest page) {
        UUID customerId = profiles.ownCustomerId(actor).orElse(filter.customerId());
        String status = filter.status() == null ? null : filter.status().wireName();
        return Page.of(appointments.list(customerId, filter.vehicleId(), status, filter.dealer(), filter.from(),
                        filter.to(), page.limit(), page.offset()),
                appointments.count(customerId, filter.vehicleId(), status, filter.dealer(), filter.from(), filter.to()),
                page);
    }

    public Appointment get(AuthenticatedUser actor, UUID id) {
        Appointment appointment = appointments.findById(id).orElseThrow(AppointmentService::notFound);
        profiles.ownCustomerId(actor).ifPresent(own -> {
            if (!own.equals(appointment.customerId())) {
                throw notFound();
            }
        });
        return appointment;
    }

    public Appointment book(AuthenticatedUser actor, Booking booking) {
        Vehicle vehicle = vehicles.get(actor, booking.vehicleId());
        Dealer dealer = dealer(booking.dealer());
        Instant start = booking.startsAt();
        Instant end = start.plus(booking.serviceType().duration());
        checkSlot(dealer, start, end);
        List<String> candidates = candidateBays(dealer, booking.bay(), start, end, null);
        UUID id = UUID.randomUUID();
        for (String bay : candidates) {
            Optional<Appointment> booked = tryInsert(id, vehicle, booking, dealer, bay, start, end, actor);
            if (booked.isPresent()) {
                return booked.get();
            }
        }
        throw slotTaken(dealer, candidates, start, end);
    }

    public Appointment reschedule(AuthenticatedUser actor, UUID id, Instant newStart, String requestedBay) {
        Appointment current = get(actor, id);
        requireActive(current);
        Dealer dealer = dealer(current.dealer());
        Instant end = newStart.plus(current.serviceType().duration());
        checkSlot(dealer, newStart, end);
        // A customer's change needs the workshop's confirmation again; staff changes stand.
        AppointmentStatus status = actor.role().isStaff() ? current.status() : AppointmentStatus.REQUESTED;
        List<String> candidates = candidateBays(dealer, requestedBay, newStart, end, current.id());
        if (requestedBay == null && candidates.remove(current.bay())) {
            candidates.add(0, current.bay());
        }
        for (String bay : candidates) {
            try {
                return jdbi.inTransaction(handle -> {
                    if (appointments.reschedule(current.id(), bay, newStart, end, status.wireName()) == 0) {
                        throw changedMeanwhile();
                    }
                    return appointments.findById(current.id()).orElseThrow();
                });
            } catch (RuntimeException e) {
                if (!SqlStates.is(e, SqlStates.EXCLUSION_VIOLATION)) {
                    throw e;
                }
                if (isVehicleOverlap(e)) {
                    throw vehicleBusy(newStart, end);
                }
            }
        }
        throw slotTaken(dealer, candidates, newStart, end);
    }

    public Appointment cancel(AuthenticatedUser actor, UUID id) {
        Appointment current = get(actor, id);
        return transition(current, AppointmentStatus.CANCELLED);
    }

    public Appointment confirm(AuthenticatedUser actor, UUID id) {
        Appointment current = get(actor, id);
        CustomerProfiles.requireStaff(actor);
        return transition(current, AppointmentStatus.CONFIRMED);
    }

    /** Closes the visit and writes it into the vehicle's service history, in one transaction. */
    public Appointment complete(AuthenticatedUser actor, UUID id, Integer mileageKm, String notes) {
        Appointment current = get(actor, id);
        CustomerProfiles.requireStaff(actor);
        requireTransition(current, AppointmentStatus.COMPLETED);
        return jdbi.inTransaction(handle -> {
            // Conditional on the state just checked: two concurrent completions record one visit.
            if (appointments.updateStatus(current.id(), AppointmentStatus.COMPLETED.wireName(),
                    fromStatesOf(AppointmentStatus.COMPLETED)) == 0) {
                throw changedMeanwhile();
            }
            if (notes != null) {
                appointments.updateNotes(current.id(), notes);
            }
            LocalDate date = current.startsAt().atZone(ZoneId.of(dealer(current.dealer()).timeZone())).toLocalDate();
            vehicles.recordVisit(current.vehicleId(), date, current.serviceType().wireName(),
                    notes == null ? current.notes() : notes, mileageKm, current.dealer());
            return appointments.findById(current.id()).orElseThrow();
        });
    }

    private Appointment transition(Appointment current, AppointmentStatus next) {
        requireTransition(current, next);
        return jdbi.inTransaction(handle -> {
            if (appointments.updateStatus(current.id(), next.wireName(), fromStatesOf(next)) == 0) {
                throw changedMeanwhile();
            }
            return appointments.findById(current.id()).orElseThrow();
        });
    }

    private Optional<Appointment> tryInsert(UUID id, Vehicle vehicle, Booking booking, Dealer dealer, String bay,
                                            Instant start, Instant end, AuthenticatedUser actor) {
        try {
            return Optional.of(jdbi.inTransaction(handle -> {
                AppointmentDao dao = handle.attach(AppointmentDao.class);
                // Staff book on a customer's behalf (a fleet, a recall campaign); the limit is for self-service.
                dao.lockCustomer(vehicle.customerId());
                int upcoming = dao.countUpcoming(vehicle.customerId());
                if (!actor.role().isStaff() && upcoming >= maxUpcoming) {
                    throw new ConflictException("too_many_appointments", "You already have " + upcoming
                            + " upcoming appointments; cancel one or ask the workshop to book more.",
                            Map.of("limit", maxUpcoming));
                }
                dao.insert(id, vehicle.id(), vehicle.customerId(), booking.serviceType().wireName(),
                        dealer.id(), bay, start, end, booking.notes(), actor.userId());
                return dao.findById(id).orElseThrow();
            }));
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.EXCLUSION_VIOLATION)) {
                if (isVehicleOverlap(e)) {
                    throw vehicleBusy(start, end);
                }
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<String> candidateBays(Dealer dealer, String requestedBay, Instant start, Instant end, UUID excluding) {
        if (requestedBay != null) {
            if (!dealer.bays().contains(requestedBay)) {
                throw invalid("bay", "is not a bay of dealer " + dealer.id() + " (" + String.join(", ", dealer.bays()) + ")");
            }
            return new ArrayList<>(List.of(requestedBay));
        }
        List<String> free = dealer.bays().stream()
                .filter(bay -> appointments.occupying(dealer.id(), bay, start, end, excluding).isEmpty())
                .collect(Collectors.toCollection(ArrayList::new));
        if (free.isEmpty()) {
            throw slotTaken(dealer, dealer.bays(), start, end);
        }
        return free;
    }

    private void checkSlot(Dealer dealer, Instant start, Instant end) {
        Instant now = clock.instant();
        if (!start.isAfter(now)) {
            throw invalid("startsAt", "must be in the future");
        }
        if (start.isAfter(now.plus(horizon))) {
            throw invalid("startsAt", "must be within " + horizon.toDays() + " days");
        }
        ZoneId zone = ZoneId.of(dealer.timeZone());
        ZonedDateTime localStart = start.atZone(zone);
        ZonedDateTime localEnd = end.atZone(zone);
        if (!dealer.openDays().contains(localStart.getDayOfWeek())) {
            throw invalid("startsAt", "dealer " + dealer.id() + " is closed on " + localStart.getDayOfWeek());
        }
        LocalTime from = localStart.toLocalTime();
        if (from.isBefore(dealer.opens()) || !localEnd.toLocalDate().equals(localStart.toLocalDate())
                || localEnd.toLocalTime().isAfter(dealer.closes())) {
            throw invalid("startsAt", "the service must fit between " + dealer.opens() + " and " + dealer.closes()
                    + " (" + dealer.timeZone() + ")");
        }
        long minutesFromOpening = Duration.between(dealer.opens(), from).toMinutes();
        if (minutesFromOpening % grid.toMinutes() != 0 || localStart.getSecond() != 0 || localStart.getNano() != 0) {
            throw invalid("startsAt", "must start on a " + grid.toMinutes() + "-minute boundary from opening time");
        }
    }

    private ConflictException slotTaken(Dealer dealer, List<String> bays, Instant start, Instant end) {
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (String bay : bays) {
            appointments.occupying(dealer.id(), bay, start, end, null).ifPresent(taken -> conflicts.add(Map.of(
                    "bay", taken.bay(), "startsAt", taken.startsAt().toString(), "endsAt", taken.endsAt().toString())));
        }
        return new ConflictException("That slot is already booked.", Map.of(
                "dealer", dealer.id(), "requested", Map.of("startsAt", start.toString(), "endsAt", end.toString()),
                "conflicts", conflicts));
    }

    /** The states from which an appointment may move to {@code next}. */
    private static String[] fromStatesOf(AppointmentStatus next) {
        return java.util.Arrays.stream(AppointmentStatus.values()).filter(state -> state.canBecome(next))
                .map(AppointmentStatus::wireName).toArray(String[]::new);
    }

    private static boolean isVehicleOverlap(RuntimeException e) {
        return SqlStates.constraint(e).filter(VEHICLE_ONCE_AT_A_TIME::equals).isPresent();
    }

    private static ConflictException vehicleBusy(Instant start, Instant end) {
        return new ConflictException("vehicle_already_booked", "The vehicle already has an appointment at that time.",
                Map.of("startsAt", start.toString(), "endsAt", end.toString()));
    }

    private static ConflictException changedMeanwhile() {
        return new ConflictException("The appointment was changed meanwhile; reload it and try again.");
    }

    private static void requireActive(Appointment appointment) {
        if (!appointment.status().isActive()) {
            throw new ConflictException("The appointment is " + appointment.status().wireName() + " and cannot change.");
        }
    }

    private static void requireTransition(Appointment appointment, AppointmentStatus next) {
        if (!appointment.status().canBecome(next)) {
            throw new ConflictException("An appointment that is " + appointment.status().wireName()
                    + " cannot become " + next.wireName() + ".");
        }
    }

    private Dealer dealer(String id) {
        Dealer dealer = id == null ? null : dealers.get(id);
        if (dealer == null) {
            throw invalid("dealer", "unknown dealer; one of " + String.join(", ", dealers.keySet()));
        }
        return dealer;
    }

    private static UnprocessableException invalid(String field, String message) {
        return new UnprocessableException("The booking is not valid: " + field + " " + message + ".",
                Map.of("fields", List.of(Map.of("field", field, "message", message))));
    }

    private static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("No such appointment.");
    }
}
