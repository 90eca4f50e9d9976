package com.genaiauto.demo;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.model.TokenPair;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.auth.service.ClientInfo;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.model.Vin;
import com.genaiauto.customers.service.VehicleService;
import com.genaiauto.platform.ClasspathJson;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The demo a fresh installation starts with: the bundled knowledge base and one owner account
 * with a car of the demo manufacturer and its service history ({@value #OWNER_RESOURCE}), so the
 * example conversation in the README works straight away. Idempotent: what exists is left alone.
 */
public final class DemoData {

    public static final String OWNER_EMAIL = "demo@genai-auto.example";
    public static final String OWNER_PASSWORD = "Drive-safely-2026!";
    static final String OWNER_RESOURCE = "knowledge-base/demo-owner.json";

    /** The demo owner's car and its one past service, as the resource describes them. */
    record DemoCar(String make, String model, int year, String powertrain, int mileageKm, String vin) {
    }

    record PastService(int monthsAgo, String type, String description, int mileageKm, String dealer, BigDecimal cost,
                       String currency) {
    }

    record DemoOwner(DemoCar vehicle, PastService service) {

        static DemoOwner load() {
            return ClasspathJson.read(OWNER_RESOURCE, DemoOwner.class);
        }

        /** The VIN with its check digit computed, whatever the resource put there. */
        String vin() {
            return withCheckDigit(vehicle.vin());
        }
    }

    private final AuthService auth;
    private final VehicleService vehicles;
    private final KnowledgeBaseSeeder knowledgeBase;
    private final AuditLog audit;

    public DemoData(AuthService auth, VehicleService vehicles, KnowledgeBaseSeeder knowledgeBase, AuditLog audit) {
        this.auth = auth;
        this.vehicles = vehicles;
        this.knowledgeBase = knowledgeBase;
        this.audit = audit;
    }

    public String seed() {
        KnowledgeBaseSeeder.Report documents = knowledgeBase.seed();
        ClientInfo system = new ClientInfo("127.0.0.1", "demo-seed");
        boolean created = auth.register(new AuthService.Registration(Email.of(OWNER_EMAIL), OWNER_PASSWORD,
                "Alex Demo", null), system);
        TokenPair session = auth.login(Email.of(OWNER_EMAIL), OWNER_PASSWORD, system);
        AuthenticatedUser owner = AuthenticatedUser.internal(session.user().id(), Role.CUSTOMER);
        DemoOwner demo = DemoOwner.load();
        DemoCar car = demo.vehicle();
        String name = car.year() + " " + car.make() + " " + car.model();
        boolean hasCar = vehicles.list(owner, null, PageRequest.of(100, 0)).items().stream()
                .map(Vehicle::vin).anyMatch(demo.vin()::equals);
        if (!hasCar) {
            Vehicle added = vehicles.add(owner, new VehicleService.NewVehicle(null, Vin.of(demo.vin()), car.make(),
                    car.model(), car.year(), car.powertrain(), car.mileageKm(), null));
            AuthenticatedUser workshop = AuthenticatedUser.internal(session.user().id(), Role.ADMIN);
            PastService past = demo.service();
            vehicles.addServiceRecord(workshop, added.id(), new VehicleService.NewServiceRecord(
                    LocalDate.now().minusMonths(past.monthsAgo()), past.type(), past.description(), past.mileageKm(),
                    past.dealer(), past.cost(), past.currency()));
        }
        audit.record(AuditEvent.of("demo.seeded").byLabel("admin-task")
                .with(Map.of("accountCreated", created, "vehicleAdded", !hasCar, "documents", documents.toString())));
        return "knowledge base: " + documents + "; demo owner " + OWNER_EMAIL + (created ? " created" : " already there")
                + (hasCar ? ", " + name + " already there" : ", " + name + " added with its service history");
    }

    static String withCheckDigit(String vin) {
        return vin.substring(0, 8) + Vin.checkDigit(vin) + vin.substring(9);
    }
}
