package com.genaiauto.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Vins;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Vehicle claims: a VIN registered first by someone else")
class VehicleClaimsIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private final Api api = new Api(APP.port());
    private final Accounts accounts = new Accounts(api);

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private Api.Reply claim(Session who, String vin) {
        return api.post("/api/v1/vehicles", Map.of("vin", vin, "make", "Aster", "model", "Volt", "modelYear", 2024,
                "powertrain", "electric", "mileageKm", 12_000), who.accessToken());
    }

    @Nested
    @DisplayName("the real owner")
    class RealOwner {

        @Test
        void shouldAddTheirVinAfterASquatterAndBeToldNothingAboutTheOtherClaim() {
            String vin = Vins.random();
            Session squatter = accounts.aCustomer().register();
            Session owner = accounts.aCustomer().register();

            Api.Reply squatted = claim(squatter, vin);
            Api.Reply added = claim(owner, vin);

            assertThat(squatted.status()).as(squatted.toString()).isEqualTo(201);
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            assertThat(added.field("vin")).isEqualTo(vin);
            assertThat(added.field("id")).isNotEqualTo(squatted.field("id"));
            assertThat(added.json().path("ownershipVerified").asBoolean(true)).isFalse();
            assertThat(ids(api.get("/api/v1/vehicles", owner.accessToken()).json())).containsExactly(added.field("id"));
        }

        @Test
        void shouldNotClaimOneVinTwiceOnOneProfile() {
            Session owner = accounts.aCustomer().register();
            String vin = Vins.random();
            assertThat(claim(owner, vin).status()).isEqualTo(201);

            Api.Reply again = claim(owner, vin);

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("conflict");
        }
    }

    @Nested
    @DisplayName("two claimants of one VIN")
    class TwoClaimants {

        @Test
        void shouldNeverSeeEachOthersServiceHistoryOrAppointments() {
            String vin = Vins.random();
            Session owner = accounts.aCustomer().register();
            Session squatter = accounts.aCustomer().register();
            UUID ownersCar = UUID.fromString(claim(owner, vin).field("id"));
            UUID squattersCar = UUID.fromString(claim(squatter, vin).field("id"));
            Api.Reply recorded = api.post("/api/v1/vehicles/" + ownersCar + "/service-history", Map.of(
                    "serviceDate", "2026-01-15", "serviceType", "inspection", "mileageKm", 14_000),
                    accounts.admin().accessToken());
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            String startsAt = Accounts.nextWeekday(45).atTime(LocalTime.of(9, 0)).atZone(ZoneId.of("Europe/Berlin"))
                    .toInstant().toString();
            Api.Reply booked = api.post("/api/v1/appointments", Map.of("vehicleId", ownersCar.toString(),
                    "serviceType", "oil_change", "dealer", "north", "startsAt", startsAt), owner.accessToken());
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

            assertThat(api.get("/api/v1/vehicles/" + squattersCar + "/service-history", squatter.accessToken())
                    .json().path("items")).isEmpty();
            assertThat(api.get("/api/v1/vehicles/" + ownersCar + "/service-history", squatter.accessToken()).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/vehicles/" + ownersCar, squatter.accessToken()).status()).isEqualTo(404);
            assertThat(ids(api.get("/api/v1/appointments", squatter.accessToken()).json()))
                    .doesNotContain(booked.field("id"));
            assertThat(ids(api.get("/api/v1/appointments?vehicleId=" + squattersCar, squatter.accessToken()).json()))
                    .isEmpty();
            assertThat(api.get("/api/v1/appointments/" + booked.field("id"), squatter.accessToken()).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/vehicles/" + ownersCar + "/service-history", owner.accessToken())
                    .json().path("items")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("support staff")
    class Staff {

        @Test
        void shouldSeeTheConflictingClaimsAndVerifyOneOwner() {
            String vin = Vins.random();
            Session squatter = accounts.aCustomer().register();
            Session owner = accounts.aCustomer().register();
            String squattersCar = claim(squatter, vin).field("id");
            String ownersCar = claim(owner, vin).field("id");
            Session agent = accounts.anAgent();

            JsonNode contested = api.get("/api/v1/vehicles/contested?vin=" + vin, agent.accessToken()).json();
            Api.Reply verified = api.post("/api/v1/vehicles/" + ownersCar + "/ownership-verification", null,
                    agent.accessToken());
            Api.Reply second = api.post("/api/v1/vehicles/" + squattersCar + "/ownership-verification", null,
                    accounts.admin().accessToken());

            assertThat(ids(contested)).containsExactly(squattersCar, ownersCar);
            assertThat(contested.path("items").get(1).path("customerId").asText())
                    .isEqualTo(owner.customerId().toString());
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().path("ownershipVerified").asBoolean()).isTrue();
            assertThat(second.status()).as(second.toString()).isEqualTo(409);
            assertThat(second.errorCode()).isEqualTo("vin_already_verified");
            assertThat(api.get("/api/v1/vehicles/" + ownersCar, owner.accessToken()).json()
                    .path("ownershipVerified").asBoolean()).isTrue();
        }

        @Test
        void shouldBeTheOnlyOnesToSeeClaimsOrVerifyThem() {
            Session owner = accounts.aCustomer().register();
            String car = claim(owner, Vins.random()).field("id");

            assertThat(api.get("/api/v1/vehicles/contested", owner.accessToken()).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/vehicles/" + car + "/ownership-verification", null, owner.accessToken())
                    .status()).isEqualTo(403);
        }
    }
}
