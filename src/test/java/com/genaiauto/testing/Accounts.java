package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fluent fixtures for people and their things, created through the public API:
 * {@code accounts.aCustomer().register()}, {@code owner.aVehicle().withVin(vin).create()}.
 */
public final class Accounts {

    public static final String ADMIN_EMAIL = "admin@genai-auto.test";
    public static final String ADMIN_PASSWORD = "Ops-passphrase-2026!";
    public static final String PASSWORD = "Sturdy-pass-1234";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Api api;

    public Accounts(Api api) {
        this.api = api;
    }

    public CustomerBuilder aCustomer() {
        return new CustomerBuilder();
    }

    private Session admin;

    public synchronized Session admin() {
        if (admin != null) {
            return admin;
        }
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        admin = Session.from(api, login, null);
        return admin;
    }

    public Session anAgent() {
        String email = uniqueEmail("agent");
        Api.Reply created = api.post("/api/v1/auth/users", Map.of("email", email, "password", PASSWORD,
                "role", "agent", "displayName", "Agent " + SEQUENCE.get()), admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return Session.from(api, login, null);
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
    }

    /** The next weekday at least {@code daysAhead} days away, in the demo dealers' time zone. */
    public static LocalDate nextWeekday(int daysAhead) {
        LocalDate date = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(daysAhead);
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        return date;
    }

    public final class CustomerBuilder {
        private String email = uniqueEmail("owner");
        private String password = PASSWORD;
        private String fullName = "Owner " + SEQUENCE.get();

        public CustomerBuilder withEmail(String value) {
            this.email = value;
            return this;
        }

        public CustomerBuilder withFullName(String value) {
            this.fullName = value;
            return this;
        }

        public CustomerBuilder withPassword(String value) {
            this.password = value;
            return this;
        }

        public Session register() {
            Api.Reply reply = api.post("/api/v1/auth/register",
                    Map.of("email", email, "password", password, "fullName", fullName), null);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
            Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            Session session = Session.from(api, login, password);
            Api.Reply profile = api.get("/api/v1/customers/me", session.accessToken());
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            return session.withCustomerId(UUID.fromString(profile.field("id")));
        }
    }

    /** A signed-in user. */
    public record Session(Api api, UUID userId, String email, String password, String accessToken,
                          String refreshToken, UUID customerId) {

        static Session from(Api api, Api.Reply reply, String password) {
            var json = reply.json();
            return new Session(api, UUID.fromString(json.path("user").path("id").asText()),
                    json.path("user").path("email").asText(), password, json.path("accessToken").asText(),
                    json.path("refreshToken").asText(), null);
        }

        Session withCustomerId(UUID id) {
            return new Session(api, userId, email, password, accessToken, refreshToken, id);
        }

        public VehicleBuilder aVehicle() {
            return new VehicleBuilder(this);
        }

        /** The session after a refresh, as a client renews it before its access token expires. */
        public Session refreshed() {
            Api.Reply reply = api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken), null);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            return new Session(api, userId, email, password, reply.field("accessToken"), reply.field("refreshToken"),
                    customerId);
        }
    }

    public static final class VehicleBuilder {
        private final Session owner;
        private String vin = Vins.random();
        private UUID customerId;
        private String make = "Aster";
        private String model = "Volt";
        private String powertrain = "electric";
        private int year = 2024;

        VehicleBuilder(Session owner) {
            this.owner = owner;
        }

        public VehicleBuilder withVin(String value) {
            this.vin = value;
            return this;
        }

        public VehicleBuilder ofModel(String makeName, String modelName, String powertrainName) {
            this.make = makeName;
            this.model = modelName;
            this.powertrain = powertrainName;
            return this;
        }

        public VehicleBuilder ofYear(int modelYear) {
            this.year = modelYear;
            return this;
        }

        /** For staff creating a vehicle on a customer's behalf. */
        public VehicleBuilder forCustomer(UUID value) {
            this.customerId = value;
            return this;
        }

        public UUID create() {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("vin", vin, "make", make, "model", model,
                    "modelYear", year, "powertrain", powertrain, "mileageKm", 12_000));
            if (customerId != null) {
                body.put("customerId", customerId.toString());
            }
            Api.Reply reply = owner.api().post("/api/v1/vehicles", body, owner.accessToken());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            return UUID.fromString(reply.field("id"));
        }
    }
}
