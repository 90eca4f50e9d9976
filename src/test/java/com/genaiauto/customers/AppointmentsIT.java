package com.genaiauto.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Vins;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Vehicles and workshop appointments")
class AppointmentsIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    static final TestDatabase DATABASE = APP.database();

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final Api api = new Api(APP.port());
    private final Accounts accounts = new Accounts(api);

    /** Day offsets keep tests from competing for the same slots. */
    private static String at(int daysAhead, String localTime) {
        LocalDate day = Accounts.nextWeekday(daysAhead);
        return day.atTime(LocalTime.parse(localTime)).atZone(BERLIN).toInstant().toString();
    }

    private Api.Reply book(Session who, UUID vehicle, String startsAt, String bay) {
        Map<String, Object> body = new HashMap<>(Map.of("vehicleId", vehicle.toString(), "serviceType", "oil_change",
                "dealer", "north", "startsAt", startsAt));
        if (bay != null) {
            body.put("bay", bay);
        }
        return api.post("/api/v1/appointments", body, who.accessToken());
    }

    @Nested
    @DisplayName("one customer cannot fill a calendar")
    class CustomerLimits {

        private Api.Reply bookAt(Session who, UUID vehicle, String dealer, String startsAt, String bay) {
            Map<String, Object> body = new HashMap<>(Map.of("vehicleId", vehicle.toString(), "serviceType", "oil_change",
                    "dealer", dealer, "startsAt", startsAt, "bay", bay));
            return api.post("/api/v1/appointments", body, who.accessToken());
        }

        @Test
        void shouldRefuseAVehicleInTwoBaysOrAtTwoDealersAtOnce() {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            String slot = at(11, "10:00");
            assertThat(bookAt(owner, vehicle, "north", slot, "bay-1").status()).isEqualTo(201);

            Api.Reply otherBay = bookAt(owner, vehicle, "north", slot, "bay-2");
            Api.Reply otherDealer = bookAt(owner, vehicle, "south", slot, "bay-1");

            assertThat(List.of(otherBay, otherDealer)).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
                assertThat(reply.errorCode()).isEqualTo("vehicle_already_booked");
            });
        }

        @Test
        void shouldLetOneOfManyConcurrentBookingsOfOneVehicleSucceed() throws Exception {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            String slot = at(12, "10:00");
            List<Callable<Api.Reply>> attempts = List.of(
                    () -> bookAt(owner, vehicle, "north", slot, "bay-1"), () -> bookAt(owner, vehicle, "north", slot, "bay-2"),
                    () -> bookAt(owner, vehicle, "north", slot, "bay-3"), () -> bookAt(owner, vehicle, "south", slot, "bay-1"),
                    () -> bookAt(owner, vehicle, "south", slot, "bay-2"));

            List<Api.Reply> results = concurrently(attempts);

            assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(results).filteredOn(r -> r.status() == 409).hasSize(attempts.size() - 1);
        }

        @Test
        void shouldLimitACustomersUpcomingBookingsEvenWhenTheyArriveAtOnce() throws Exception {
            Session owner = accounts.aCustomer().register();
            List<Callable<Api.Reply>> attempts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                UUID vehicle = owner.aVehicle().create();
                String slot = at(13 + i % 4, "1" + (i / 4) + ":00");
                attempts.add(() -> book(owner, vehicle, slot, null));
            }

            List<Api.Reply> results = concurrently(attempts);

            assertThat(results).filteredOn(r -> r.status() == 201).hasSize(5);
            assertThat(results).filteredOn(r -> r.status() == 409)
                    .allSatisfy(reply -> assertThat(reply.errorCode()).isEqualTo("too_many_appointments"));
            // The workshop can still book for the customer.
            UUID fleetCar = owner.aVehicle().create();
            assertThat(book(accounts.admin(), fleetCar, at(17, "15:00"), null).status()).isEqualTo(201);
        }

        private List<Api.Reply> concurrently(List<Callable<Api.Reply>> attempts) throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
            try {
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (Callable<Api.Reply> attempt : attempts) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return attempt.call();
                    }));
                }
                start.countDown();
                List<Api.Reply> results = new ArrayList<>();
                for (Future<Api.Reply> reply : replies) {
                    results.add(reply.get());
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("double booking")
    class DoubleBooking {

        @Test
        void shouldLetExactlyOneOfManyConcurrentBookingsOfOneSlotSucceed() throws Exception {
            int contenders = 16;
            List<Session> owners = new ArrayList<>();
            List<UUID> vehicles = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Session owner = accounts.aCustomer().register();
                owners.add(owner);
                vehicles.add(owner.aVehicle().create());
            }
            String slot = at(3, "10:00");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Session owner = owners.get(i);
                UUID vehicle = vehicles.get(i);
                Callable<Api.Reply> attempt = () -> {
                    start.await();
                    return book(owner, vehicle, slot, "bay-2");
                };
                replies.add(pool.submit(attempt));
            }
            start.countDown();
            List<Api.Reply> results = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                results.add(reply.get());
            }
            pool.shutdown();

            assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(results).filteredOn(r -> r.status() == 409).hasSize(contenders - 1);
            Api.Reply conflict = results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertThat(conflict.errorCode()).isEqualTo("conflict");
            JsonNode taken = conflict.json().path("error").path("details").path("conflicts").get(0);
            assertThat(taken.path("bay").asText()).isEqualTo("bay-2");
            assertThat(taken.path("startsAt").asText()).isEqualTo(slot);
        }

        @Test
        void shouldPutAnAutomaticBookingIntoTheNextFreeBayUntilAllAreTaken() {
            Session owner = accounts.aCustomer().register();
            String slot = at(4, "13:00");
            List<String> bays = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Api.Reply reply = book(owner, owner.aVehicle().create(), slot, null);
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                bays.add(reply.field("bay"));
            }
            assertThat(bays).containsExactlyInAnyOrder("bay-1", "bay-2", "bay-3");
            Api.Reply full = book(owner, owner.aVehicle().create(), slot, null);
            assertThat(full.status()).isEqualTo(409);
            assertThat(full.json().path("error").path("details").path("conflicts")).hasSize(3);
        }

        @Test
        void shouldFreeTheSlotWhenAnAppointmentIsCancelled() {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            String slot = at(5, "09:00");
            Api.Reply first = book(owner, vehicle, slot, "bay-1");
            assertThat(api.post("/api/v1/appointments/" + first.field("id") + "/cancel", null, owner.accessToken())
                    .field("status")).isEqualTo("cancelled");
            assertThat(book(owner, vehicle, slot, "bay-1").status()).isEqualTo(201);
        }
    }

    @Nested
    @DisplayName("slot rules")
    class SlotRules {

        @Test
        void shouldRefuseSlotsInThePastOutsideHoursOrOffTheGrid() {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            assertThat(book(owner, vehicle, "2020-01-06T09:00:00Z", null).status()).isEqualTo(422);
            assertThat(book(owner, vehicle, at(6, "07:00"), null).status()).isEqualTo(422);
            assertThat(book(owner, vehicle, at(6, "17:30"), null).status()).as("ends after closing").isEqualTo(422);
            Api.Reply offGrid = book(owner, vehicle, at(6, "09:10"), null);
            assertThat(offGrid.status()).isEqualTo(422);
            assertThat(offGrid.json().path("error").path("details").path("fields").get(0).path("field").asText())
                    .isEqualTo("startsAt");
        }

        @Test
        void shouldRejectAnUnknownBayOrServiceType() {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            assertThat(book(owner, vehicle, at(6, "10:00"), "bay-9").status()).isEqualTo(422);
            Api.Reply unknownType = api.post("/api/v1/appointments", Map.of("vehicleId", vehicle.toString(),
                    "serviceType", "teleportation", "dealer", "north", "startsAt", at(6, "10:00")), owner.accessToken());
            assertThat(unknownType.status()).isEqualTo(422);
        }

        @Test
        void shouldListFreeSlotsWithoutTheBookedBay() {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            String slot = at(7, "11:00");
            book(owner, vehicle, slot, "bay-3");
            LocalDate day = Accounts.nextWeekday(7);
            Api.Reply free = api.get("/api/v1/appointments/availability?dealer=north&date=" + day
                    + "&serviceType=oil_change", owner.accessToken());
            assertThat(free.status()).isEqualTo(200);
            JsonNode eleven = null;
            for (JsonNode candidate : free.json()) {
                if (candidate.path("startsAt").asText().equals(slot)) {
                    eleven = candidate;
                }
            }
            assertThat(eleven).isNotNull();
            assertThat(eleven.path("freeBays").toString()).doesNotContain("bay-3").contains("bay-1");
        }
    }

    @Nested
    @DisplayName("life cycle")
    class LifeCycle {

        @Test
        void shouldGoFromRequestedToConfirmedToCompletedAndRecordTheVisit() {
            Session owner = accounts.aCustomer().register();
            Session agent = accounts.anAgent();
            UUID vehicle = owner.aVehicle().create();
            String id = book(owner, vehicle, at(8, "08:00"), null).field("id");

            assertThat(api.post("/api/v1/appointments/" + id + "/confirm", null, owner.accessToken()).status())
                    .as("owners cannot confirm their own booking").isEqualTo(403);
            assertThat(api.post("/api/v1/appointments/" + id + "/confirm", null, agent.accessToken()).field("status"))
                    .isEqualTo("confirmed");
            Api.Reply completed = api.post("/api/v1/appointments/" + id + "/complete",
                    Map.of("mileageKm", 15_500, "notes", "Oil and filter changed"), agent.accessToken());
            assertThat(completed.field("status")).isEqualTo("completed");

            JsonNode history = api.get("/api/v1/vehicles/" + vehicle + "/service-history", owner.accessToken()).json();
            assertThat(history.path("total").asInt()).isEqualTo(1);
            assertThat(history.path("items").get(0).path("serviceType").asText()).isEqualTo("oil_change");
            assertThat(api.get("/api/v1/vehicles/" + vehicle, owner.accessToken()).json().path("mileageKm").asInt())
                    .isEqualTo(15_500);
            assertThat(api.post("/api/v1/appointments/" + id + "/cancel", null, owner.accessToken()).status())
                    .as("a completed visit cannot be cancelled").isEqualTo(409);
        }

        @Test
        void shouldRecordOneVisitWhenTwoAgentsCompleteAtOnce() throws Exception {
            Session owner = accounts.aCustomer().register();
            Session agent = accounts.anAgent();
            UUID vehicle = owner.aVehicle().create();
            String id = book(owner, vehicle, at(10, "08:00"), null).field("id");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/appointments/" + id + "/complete", Map.of("mileageKm", 20_000),
                            agent.accessToken());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.add(reply.get().status());
            }
            pool.shutdown();
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(3);
            assertThat(api.get("/api/v1/vehicles/" + vehicle + "/service-history", owner.accessToken())
                    .json().path("total").asInt()).isEqualTo(1);
        }

        @Test
        void shouldSendARescheduledBookingBackToRequestedWhenTheOwnerMovesIt() {
            Session owner = accounts.aCustomer().register();
            Session agent = accounts.anAgent();
            UUID vehicle = owner.aVehicle().create();
            String id = book(owner, vehicle, at(9, "14:00"), null).field("id");
            api.post("/api/v1/appointments/" + id + "/confirm", null, agent.accessToken());

            Api.Reply moved = api.patch("/api/v1/appointments/" + id, Map.of("startsAt", at(9, "15:00")),
                    owner.accessToken());
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.field("status")).isEqualTo("requested");
            assertThat(moved.field("startsAt")).isEqualTo(at(9, "15:00"));
        }
    }

    @Nested
    @DisplayName("vehicles")
    class Vehicles {

        @Test
        void shouldRefuseAVinWithABadCheckDigitOrForbiddenLetters() {
            Session owner = accounts.aCustomer().register();
            String valid = Vins.random();
            char wrong = valid.charAt(8) == '0' ? '1' : '0';
            String badDigit = valid.substring(0, 8) + wrong + valid.substring(9);
            for (String vin : List.of(badDigit, "1HGCM82633A00435O")) {
                Api.Reply reply = api.post("/api/v1/vehicles", Map.of("vin", vin, "make", "Aster", "model", "Volt",
                        "modelYear", 2024), owner.accessToken());
                assertThat(reply.status()).as(vin).isEqualTo(422);
                assertThat(reply.json().path("error").path("details").path("fields").get(0).path("field").asText())
                        .isEqualTo("vin");
            }
        }

        @Test
        void shouldRefuseTheSameVinTwiceOnOneProfile() {
            Session owner = accounts.aCustomer().register();
            String vin = Vins.random();
            owner.aVehicle().withVin(vin).create();
            // Another customer may claim it too (VehicleClaimsIT): first come must not block the owner.
            Api.Reply again = api.post("/api/v1/vehicles", Map.of("vin", vin, "make", "Aster", "model", "Volt",
                    "modelYear", 2024), owner.accessToken());
            assertThat(again.status()).isEqualTo(409);
        }

        @Test
        void shouldPageListings() {
            Session owner = accounts.aCustomer().register();
            for (int i = 0; i < 3; i++) {
                owner.aVehicle().create();
            }
            JsonNode page = api.get("/api/v1/vehicles?limit=2&offset=0", owner.accessToken()).json();
            assertThat(page.path("total").asInt()).isEqualTo(3);
            assertThat(page.path("items")).hasSize(2);
            assertThat(api.get("/api/v1/vehicles?limit=500", owner.accessToken()).status()).isEqualTo(422);
        }
    }
}
