package com.genaiauto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser page keeps its refresh token in an HttpOnly cookie (asked for with
 * {@code X-Session: cookie}); API clients that do not ask keep it in the body, as before.
 */
@DisplayName("Refresh token in a cookie for browser pages")
class BrowserSessionIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern COOKIE = Pattern.compile(
            "refresh_token=(grt_[A-Za-z0-9_-]+); Max-Age=604800; Path=/api/v1/auth; Secure; HttpOnly; SameSite=Strict");
    private static final String CLEARED = "refresh_token=; Max-Age=0; Path=/api/v1/auth; Secure; HttpOnly; SameSite=Strict";

    private record Answer(int status, JsonNode json, List<String> setCookies) {

        /** The refresh token the answer set in the cookie, checking every attribute of it. */
        String cookieToken() {
            assertThat(setCookies).as("Set-Cookie").hasSize(1);
            Matcher matcher = COOKIE.matcher(setCookies.get(0));
            assertThat(matcher.matches()).as("Set-Cookie: " + setCookies.get(0)).isTrue();
            return matcher.group(1);
        }
    }

    @Nested
    @DisplayName("a page that asks for the cookie")
    class WithTheHeader {

        @Test
        void shouldSetTheCookieOnLoginAndLeaveTheTokenOutOfTheBody() throws Exception {
            Accounts.Session owner = new Accounts(new Api(APP.port())).aCustomer().register();
            Answer login = call("/login", login(owner), "cookie", null, null);

            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().has("refreshToken")).as(login.json().toString()).isFalse();
            assertThat(login.json().path("accessToken").asText()).startsWith("eyJ");
            assertThat(login.json().path("refreshExpiresIn").asLong()).isEqualTo(604_800);
            assertThat(login.json().path("user").path("email").asText()).isEqualTo(owner.email());
            assertThat(login.cookieToken()).isNotEqualTo(owner.refreshToken());
        }

        @Test
        void shouldSetNoCookieOnRegistrationAndTheCookieOnTheSignInThatFollows() throws Exception {
            String email = Accounts.uniqueEmail("page");
            Answer registered = call("/register", Api.JSON.writeValueAsString(Map.of("email", email,
                    "password", Accounts.PASSWORD, "fullName", "Page Owner")), "cookie", null, null);
            Answer login = call("/login", Api.JSON.writeValueAsString(Map.of("email", email,
                    "password", Accounts.PASSWORD)), "cookie", null, null);

            assertThat(registered.status()).isEqualTo(202);
            assertThat(registered.setCookies()).isEmpty();
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().has("refreshToken")).isFalse();
            assertThat(login.json().path("user").path("role").asText()).isEqualTo("customer");
            assertThat(login.cookieToken()).startsWith("grt_");
        }

        @Test
        void shouldRefreshFromTheCookieAndRotateIt() throws Exception {
            String first = signedIn().cookieToken();
            Answer refreshed = call("/refresh", null, "cookie", first, null);

            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.json().has("refreshToken")).isFalse();
            String second = refreshed.cookieToken();
            assertThat(second).isNotEqualTo(first);
            assertThat(new Api(APP.port()).get("/api/v1/auth/me", refreshed.json().path("accessToken").asText())
                    .status()).isEqualTo(200);
            // Also with an empty JSON object as the body, as some fetch wrappers send.
            Answer again = call("/refresh", "{}", "cookie", second, null);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.cookieToken()).isNotEqualTo(second);
        }

        @Test
        void shouldStillTakeAReplayedCookieForATheftAndEndTheSession() throws Exception {
            String first = signedIn().cookieToken();
            Answer rotated = call("/refresh", null, "cookie", first, null);
            String current = rotated.cookieToken();

            Answer replay = call("/refresh", null, "cookie", first, "thief-agent/1.0");
            Answer owner = call("/refresh", null, "cookie", current, null);

            assertThat(replay.status()).isEqualTo(401);
            assertThat(replay.setCookies()).isEmpty();
            assertThat(owner.status()).as("the whole session is revoked").isEqualTo(401);
            assertThat(new Api(APP.port()).get("/api/v1/auth/me", rotated.json().path("accessToken").asText())
                    .status()).isEqualTo(401);
        }

        @Test
        void shouldAnswer401WithoutACookie() throws Exception {
            Answer refreshed = call("/refresh", null, "cookie", null, null);
            assertThat(refreshed.status()).isEqualTo(401);
            assertThat(refreshed.json().path("error").path("code").asText()).isEqualTo("unauthenticated");
        }

        @Test
        void shouldEndTheSessionAndClearTheCookieOnLogout() throws Exception {
            Answer login = signedIn();
            String cookie = login.cookieToken();
            Answer logout = call("/logout", null, "cookie", cookie, null,
                    login.json().path("accessToken").asText());

            assertThat(logout.status()).isEqualTo(204);
            assertThat(logout.setCookies()).containsExactly(CLEARED);
            assertThat(call("/refresh", null, "cookie", cookie, null).status())
                    .as("the cookie's token is revoked, not just forgotten").isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("a client that does not ask for it")
    class WithoutTheHeader {

        @Test
        void shouldKeepTheTokenInTheBodyAndSetNoCookie() throws Exception {
            Accounts.Session owner = new Accounts(new Api(APP.port())).aCustomer().register();
            Answer login = call("/login", login(owner), null, null, null);

            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().path("refreshToken").asText()).startsWith("grt_");
            assertThat(login.setCookies()).isEmpty();
            Answer refreshed = call("/refresh", Api.JSON.writeValueAsString(
                    Map.of("refreshToken", login.json().path("refreshToken").asText())), null, null, null);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.json().path("refreshToken").asText()).startsWith("grt_");
            assertThat(refreshed.setCookies()).isEmpty();
        }

        @Test
        void shouldIgnoreTheCookieSoAnotherSiteCannotRefreshOrEndTheSession() throws Exception {
            Answer page = signedIn();
            String cookie = page.cookieToken();

            // What a cross-site form post could carry at most: the cookie, but not the header.
            Answer refreshed = call("/refresh", null, null, cookie, null);
            assertThat(refreshed.status()).isEqualTo(422);
            assertThat(refreshed.json().path("error").path("details").path("fields").get(0).path("field").asText())
                    .isEqualTo("refreshToken");
            Answer logout = call("/logout", null, null, cookie, null, page.json().path("accessToken").asText());
            assertThat(logout.setCookies()).isEmpty();
            assertThat(call("/refresh", null, "cookie", cookie, null).status())
                    .as("the page's session is untouched").isEqualTo(200);
        }
    }

    private static Answer signedIn() throws Exception {
        Accounts.Session owner = new Accounts(new Api(APP.port())).aCustomer().register();
        Answer login = call("/login", login(owner), "cookie", null, null);
        assertThat(login.status()).as(login.json().toString()).isEqualTo(200);
        return login;
    }

    private static String login(Accounts.Session owner) throws IOException {
        return Api.JSON.writeValueAsString(Map.of("email", owner.email(), "password", Accounts.PASSWORD));
    }

    private static Answer call(String path, String body, String session, String cookie, String userAgent)
            throws Exception {
        return call(path, body, session, cookie, userAgent, null);
    }

    private static Answer call(String path, String body, String session, String cookie, String userAgent,
                               String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.port()
                        + "/api/v1/auth" + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("X-Session", session);
        }
        if (cookie != null) {
            request.header("Cookie", "refresh_token=" + cookie);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response.headers().allValues("Set-Cookie"));
    }
}
