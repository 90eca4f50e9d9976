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
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The demo a fresh installation starts with: the bundled knowledge base and one owner account
 * with a Kestrel Volta and its service history, so the example conversation in the README works
 * straight away. Idempotent: what exists is left alone.
 */
public final class DemoData {

    public static final String OWNER_EMAIL = "demo@genai-auto.example";
    public static final String OWNER_PASSWORD = "Kestrel-drive-2026!";
    // A North-American-format VIN for the fictional manufacturer, with its check digit computed.
    static final String VIN = withCheckDigit("1KS5V4E20R0000417");

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
        TokenPair session;
        boolean created;
        ClientInfo system = new ClientInfo("127.0.0.1", "demo-seed");
        try {
            session = auth.register(new AuthService.Registration(Email.of(OWNER_EMAIL), OWNER_PASSWORD, "Alex Demo", null),
                    system);
            created = true;
        } catch (ConflictException exists) {
            session = auth.login(Email.of(OWNER_EMAIL), OWNER_PASSWORD, system);
            created = false;
        }
        AuthenticatedUser owner = AuthenticatedUser.internal(session.user().id(), Role.CUSTOMER);
        boolean hasVolta = vehicles.list(owner, null, PageRequest.of(100, 0)).items().stream()
                .map(Vehicle::vin).anyMatch(VIN::equals);
        if (!hasVolta) {
            Vehicle volta = vehicles.add(owner, new VehicleService.NewVehicle(null, Vin.of(VIN), "Kestrel", "Volta", 2024,
                    "electric", 31_500, null));
            AuthenticatedUser workshop = AuthenticatedUser.internal(session.user().id(), Role.ADMIN);
            vehicles.addServiceRecord(workshop, volta.id(), new VehicleService.NewServiceRecord(LocalDate.now().minusMonths(7),
                    "ev_service", "First annual EV service: cabin filter, brake fluid check, software update, tyre rotation",
                    18_200, "north", new BigDecimal("189.00"), "EUR"));
        }
        audit.record(AuditEvent.of("demo.seeded").byLabel("admin-task")
                .with(Map.of("accountCreated", created, "vehicleAdded", !hasVolta, "documents", documents.toString())));
        return "knowledge base: " + documents + "; demo owner " + OWNER_EMAIL + (created ? " created" : " already there")
                + (hasVolta ? ", Volta already there" : ", 2024 Kestrel Volta added with its service history");
    }

    static String withCheckDigit(String vin) {
        return vin.substring(0, 8) + Vin.checkDigit(vin) + vin.substring(9);
    }
}
