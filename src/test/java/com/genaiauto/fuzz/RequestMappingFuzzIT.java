package com.genaiauto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated request bodies against the JSON routes an owner or anyone can reach: each field set
 * to a value of any JSON type (long, empty, nested, control characters, numbers out of range), or
 * left out, plus fields that do not exist. Whatever the body, the answer is a 2xx or a 4xx in the
 * error shape, never a 5xx. The seed is fixed, so a failure reproduces.
 */
class RequestMappingFuzzIT {

    private static final RunningApp APP = RunningApp.standard();
    private static Accounts.Session owner;

    record Route(String method, String path, boolean signedIn, List<String> fields) {
    }

    record Request(Route route, Map<String, Object> body) {
    }

    @BeforeContainer
    static void start() throws Exception {
        APP.start();
        owner = new Accounts(APP.api()).aCustomer().register();
    }

    @AfterContainer
    static void stop() {
        APP.stop();
    }

    @Property(tries = 1200, seed = "20261205", shrinking = ShrinkingMode.OFF)
    void shouldAnswerEveryGeneratedBodyWithoutAServerError(@ForAll("requests") Request request) {
        Api.Reply reply = APP.api().send(request.route().method(), request.route().path(), request.body(),
                request.route().signedIn() ? owner.accessToken() : null);

        assertThat(reply.status()).as(request + " -> " + reply).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.errorCode()).as(request + " -> " + reply).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        List<Route> routes = List.of(
                new Route("POST", "/api/v1/auth/register", false, List.of("email", "password", "fullName", "phone")),
                new Route("POST", "/api/v1/auth/login", false, List.of("email", "password")),
                new Route("POST", "/api/v1/auth/refresh", false, List.of("refreshToken")),
                new Route("POST", "/api/v1/chat", true, List.of("message", "sessionId", "vehicleId", "idempotencyKey")),
                new Route("POST", "/api/v1/vehicles", true,
                        List.of("vin", "make", "model", "modelYear", "powertrain", "mileageKm", "customerId")),
                new Route("PATCH", "/api/v1/customers/" + owner.customerId(), true,
                        List.of("fullName", "email", "phone", "preferredDealer")),
                new Route("POST", "/api/v1/appointments", true,
                        List.of("vehicleId", "serviceType", "dealer", "startsAt", "bay", "notes")));
        return Arbitraries.of(routes).flatMap(route -> bodies(route.fields()).map(body -> new Request(route, body)));
    }

    private static Arbitrary<Map<String, Object>> bodies(List<String> fields) {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(fields)), net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        return Arbitraries.maps(names, value()).ofMaxSize(fields.size() + 2).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> value() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(Object.class::cast),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5).map(Object.class::cast),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(5000).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of("", "null", "2026-12-07T08:00:00Z", "00000000-0000-0000-0000-000000000000",
                        "1HGCM82633A004352", "electric", "north", "oil_change", "-1", "1e309").map(Object.class::cast));
        return Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), scalar).ofMaxSize(2).map(Object.class::cast));
    }
}
