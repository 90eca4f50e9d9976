package com.genaiauto.customers.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.customers.dao.ServiceHistoryDao;
import com.genaiauto.customers.dao.VehicleDao;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.model.VehicleModel;
import com.genaiauto.customers.model.Vin;
import com.genaiauto.platform.errors.AccessDeniedException;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.UUID;
import com.genaiauto.platform.db.SqlStates;
import org.jdbi.v3.core.Jdbi;

/** Vehicles and their service history, with the same ownership rules as customer profiles. */
public final class VehicleService implements VehicleModels {

    private final Jdbi jdbi;
    private final VehicleDao vehicles;
    private final ServiceHistoryDao history;
    private final CustomerProfiles profiles;
    private final List<Consumer<VehicleModel>> registrationListeners = new CopyOnWriteArrayList<>();

    public VehicleService(Jdbi jdbi, CustomerProfiles profiles) {
        this.jdbi = jdbi;
        this.vehicles = jdbi.onDemand(VehicleDao.class);
        this.history = jdbi.onDemand(ServiceHistoryDao.class);
        this.profiles = profiles;
    }

    public record NewVehicle(UUID customerId, Vin vin, String make, String model, int modelYear, String powertrain,
                             int mileageKm, String licensePlate) {
    }

    public record NewServiceRecord(LocalDate serviceDate, String serviceType, String description, Integer mileageKm,
                                   String dealer, BigDecimal cost, String currency) {
    }

    public Page<Vehicle> list(AuthenticatedUser actor, UUID customerFilter, PageRequest page) {
        UUID customerId = profiles.ownCustomerId(actor).orElse(customerFilter);
        return Page.of(vehicles.list(customerId, page.limit(), page.offset()), vehicles.count(customerId), page);
    }

    public Vehicle get(AuthenticatedUser actor, UUID id) {
        Vehicle vehicle = vehicles.findById(id).orElseThrow(VehicleService::notFound);
        profiles.ownCustomerId(actor).ifPresent(own -> {
            if (!own.equals(vehicle.customerId())) {
                throw notFound();
            }
        });
        return vehicle;
    }

    public Vehicle add(AuthenticatedUser actor, NewVehicle request) {
        if (actor.is(Role.AGENT)) {
            throw new AccessDeniedException("Agents cannot register vehicles.");
        }
        java.util.Optional<UUID> own = profiles.ownCustomerId(actor);
        if (own.isPresent() && request.customerId() != null && !own.get().equals(request.customerId())) {
            throw new AccessDeniedException("You can only add vehicles to your own profile.");
        }
        UUID customerId = own.orElse(request.customerId());
        if (customerId == null) {
            throw new UnprocessableException("customerId is required.",
                    Map.of("fields", java.util.List.of(Map.of("field", "customerId", "message", "is required"))));
        }
        if (actor.is(Role.ADMIN)) {
            profiles.get(actor, customerId);
        }
        UUID id = UUID.randomUUID();
        Vehicle added = jdbi.inTransaction(handle -> {
            try {
                vehicles.insert(id, customerId, request.vin().value(), request.make(), request.model(),
                        request.modelYear(), request.powertrain(), request.mileageKm(), request.licensePlate());
            } catch (RuntimeException e) {
                // Only this customer's own second claim of the VIN can collide: another customer's
                // claim never blocks this one, nor is it mentioned (see V13).
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                    throw new ConflictException("This vehicle is already on this profile.",
                            Map.of("vin", request.vin().value()));
                }
                throw e;
            }
            return vehicles.findById(id).orElseThrow();
        });
        VehicleModel model = new VehicleModel(added.make(), added.model(), added.modelYear(), added.modelYear());
        registrationListeners.forEach(listener -> listener.accept(model));
        return added;
    }

    @Override
    public List<VehicleModel> known() {
        return vehicles.models();
    }

    @Override
    public void onRegistered(Consumer<VehicleModel> listener) {
        registrationListeners.add(listener);
    }

    public Vehicle update(AuthenticatedUser actor, UUID id, Integer mileageKm, String licensePlate) {
        Vehicle vehicle = get(actor, id);
        if (actor.is(Role.AGENT)) {
            throw new AccessDeniedException("Agents cannot change vehicles.");
        }
        return jdbi.inTransaction(handle -> {
            vehicles.update(vehicle.id(), mileageKm, licensePlate);
            return vehicles.findById(vehicle.id()).orElseThrow();
        });
    }

    public void delete(AuthenticatedUser actor, UUID id) {
        Vehicle vehicle = get(actor, id);
        if (actor.is(Role.AGENT)) {
            throw new AccessDeniedException("Agents cannot delete vehicles.");
        }
        vehicles.delete(vehicle.id());
    }

    /**
     * Staff, having seen proof of ownership, mark this claim as the VIN's owner. Other claims of
     * the VIN stay (each with its own history and appointments) and show in {@link #contested}.
     */
    public Vehicle verifyOwnership(AuthenticatedUser actor, UUID id) {
        Vehicle vehicle = get(actor, id);
        CustomerProfiles.requireStaff(actor);
        return jdbi.inTransaction(handle -> {
            try {
                vehicles.verifyOwnership(vehicle.id(), actor.userId());
            } catch (RuntimeException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                    throw new ConflictException("vin_already_verified",
                            "Another claim of this VIN is already verified.", Map.of("vin", vehicle.vin()));
                }
                throw e;
            }
            return vehicles.findById(vehicle.id()).orElseThrow();
        });
    }

    /** For staff: the claims of VINs that more than one customer has claimed. */
    public Page<Vehicle> contested(AuthenticatedUser actor, Vin vin, PageRequest page) {
        CustomerProfiles.requireStaff(actor);
        String value = vin == null ? null : vin.value();
        return Page.of(vehicles.contested(value, page.limit(), page.offset()), vehicles.countContested(value), page);
    }

    public Page<ServiceRecord> history(AuthenticatedUser actor, UUID vehicleId, PageRequest page) {
        Vehicle vehicle = get(actor, vehicleId);
        return Page.of(history.list(vehicle.id(), page.limit(), page.offset()), history.count(vehicle.id()), page);
    }

    public ServiceRecord addServiceRecord(AuthenticatedUser actor, UUID vehicleId, NewServiceRecord record) {
        Vehicle vehicle = get(actor, vehicleId);
        CustomerProfiles.requireStaff(actor);
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            history.insert(id, vehicle.id(), record.serviceDate(), record.serviceType(), record.description(),
                    record.mileageKm(), record.dealer(), record.cost(),
                    record.currency() == null ? "USD" : record.currency());
            if (record.mileageKm() != null) {
                vehicles.raiseMileage(vehicle.id(), record.mileageKm());
            }
            return history.findById(id).orElseThrow();
        });
    }

    /** Records a completed workshop visit; joins the caller's transaction. */
    void recordVisit(UUID vehicleId, LocalDate date, String serviceType, String description, Integer mileageKm,
                     String dealer) {
        history.insert(UUID.randomUUID(), vehicleId, date, serviceType, description, mileageKm, dealer, null, "USD");
        if (mileageKm != null) {
            vehicles.raiseMileage(vehicleId, mileageKm);
        }
    }

    private static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("No such vehicle.");
    }
}
