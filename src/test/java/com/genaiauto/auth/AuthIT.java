package com.genaiauto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.TestDatabase;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Accounts, tokens and API keys over HTTP")
class AuthIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    static final TestDatabase DATABASE = APP.database();

    private static Api api() {
        return new Api(APP.port());
    }

    private static Accounts accounts() {
        return new Accounts(api());
    }

    @Test
    void shouldSignInAClientConnectingOverIpv6() throws Exception {
        Accounts.Session owner = accounts().aCustomer().register();
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://[::1]:" + APP.port() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        java.util.Map.of("email", owner.email(), "password", Accounts.PASSWORD)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Nested
    @DisplayName("registration")
    class Registration {

        @Test
        void shouldCreateACustomerWithProfileWhoThenSignsIn() {
            String email = Accounts.uniqueEmail("new");
            Api.Reply reply = api().post("/api/v1/auth/register",
                    Map.of("email", email, "password", Accounts.PASSWORD, "fullName", "Dana Owner"), null);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
            assertThat(reply.json().has("accessToken")).isFalse();
            assertThat(reply.header("Cache-Control")).contains("no-store");
            Api.Reply login = api().post("/api/v1/auth/login", Map.of("email", email, "password", Accounts.PASSWORD), null);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().path("user").path("role").asText()).isEqualTo("customer");
            String token = login.field("accessToken");
            assertThat(api().get("/api/v1/auth/me", token).field("email")).isEqualTo(email);
            assertThat(api().get("/api/v1/customers/me", token).field("fullName")).isEqualTo("Dana Owner");
        }

        @Test
        void shouldNeverGrantARoleAskedForAtRegistration() {
            String email = Accounts.uniqueEmail("sneaky");
            Api.Reply reply = api().post("/api/v1/auth/register", Map.of("email", email,
                    "password", Accounts.PASSWORD, "fullName", "Mallory", "role", "admin"), null);
            // Unknown fields are ignored: the account is created, and as a customer.
            assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
            Api.Reply login = api().post("/api/v1/auth/login", Map.of("email", email, "password", Accounts.PASSWORD), null);
            assertThat(api().get("/api/v1/auth/me", login.field("accessToken")).field("role")).isEqualTo("customer");
        }

        @Test
        void shouldAnswerAnAddressThatHasAnAccountExactlyLikeAFreshOneAndChangeNothing() throws Exception {
            Session owner = accounts().aCustomer().withFullName("First Owner").register();
            String fresh = Accounts.uniqueEmail("fresh");

            Api.Reply again = api().post("/api/v1/auth/register", Map.of("email", owner.email().toUpperCase(),
                    "password", "Another-pass-5678", "fullName", "Squatter"), null);
            Api.Reply first = api().post("/api/v1/auth/register", Map.of("email", fresh,
                    "password", "Another-pass-5678", "fullName", "Fresh Owner"), null);

            assertThat(again.status()).isEqualTo(first.status()).isEqualTo(202);
            assertThat(again.text()).isEqualTo(first.text());
            assertThat(again.header("Cache-Control")).isEqualTo(first.header("Cache-Control"));
            assertThat(again.header("Set-Cookie")).isEqualTo(first.header("Set-Cookie")).isNull();
            // The existing account keeps its password, profile and sessions; no second one appears.
            assertThat(api().post("/api/v1/auth/login", Map.of("email", owner.email(), "password",
                    "Another-pass-5678"), null).status()).isEqualTo(401);
            assertThat(api().post("/api/v1/auth/login", Map.of("email", owner.email(), "password",
                    Accounts.PASSWORD), null).status()).isEqualTo(200);
            assertThat(api().get("/api/v1/customers/me", owner.accessToken()).field("fullName")).isEqualTo("First Owner");
            assertThat(queryOne("SELECT count(*) FROM users WHERE email = lower(?)", owner.email())).isEqualTo("1");
            assertThat(auditActionsFor(owner)).contains("auth.register_existing");
        }

        @Test
        void shouldExplainAWeakPasswordWith422() {
            Api.Reply reply = api().post("/api/v1/auth/register", Map.of("email", Accounts.uniqueEmail("weak"),
                    "password", "short1", "fullName", "Weak"), null);
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.json().path("error").path("message").asText()).contains("at least 10 characters");
            assertThat(reply.json().path("error").path("details").path("fields").get(0).path("field").asText())
                    .isEqualTo("password");
        }

        @Test
        void shouldRejectAMalformedEmailWith422() {
            Api.Reply reply = api().post("/api/v1/auth/register", Map.of("email", "not-an-email",
                    "password", Accounts.PASSWORD, "fullName", "X"), null);
            assertThat(reply.status()).isEqualTo(422);
        }

        @Test
        void shouldStoreOnlyAnArgon2idHash() throws Exception {
            Session owner = accounts().aCustomer().register();
            String hash = queryOne("SELECT password_hash FROM users WHERE id = ?", owner.userId());
            assertThat(hash).startsWith("$argon2id$").doesNotContain(Accounts.PASSWORD);
        }
    }

    @Nested
    @DisplayName("login")
    class Login {

        @Test
        void shouldSignInWithTheRightPasswordAndAuditIt() throws Exception {
            Session owner = accounts().aCustomer().register();
            Api.Reply reply = api().post("/api/v1/auth/login",
                    Map.of("email", owner.email(), "password", Accounts.PASSWORD), null);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(auditActionsFor(owner)).contains("auth.register", "auth.login");
        }

        @Test
        void shouldAnswerWrongPasswordAndUnknownAccountAlike() throws Exception {
            Session owner = accounts().aCustomer().register();
            Api.Reply wrong = api().post("/api/v1/auth/login",
                    Map.of("email", owner.email(), "password", "Not-the-password-1"), null);
            Api.Reply unknown = api().post("/api/v1/auth/login",
                    Map.of("email", "nobody-" + owner.email(), "password", "Not-the-password-1"), null);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(wrong.json().path("error").path("message").asText())
                    .isEqualTo(unknown.json().path("error").path("message").asText());
            assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(auditActionsFor(owner)).contains("auth.login_failed");
        }
    }

    @Nested
    @DisplayName("refresh tokens")
    class RefreshTokens {

        @Test
        void shouldRotateOnEveryUse() {
            Session owner = accounts().aCustomer().register();
            Api.Reply first = refresh(owner.refreshToken());
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.field("refreshToken")).isNotEqualTo(owner.refreshToken());
            assertThat(api().get("/api/v1/auth/me", first.field("accessToken")).status()).isEqualTo(200);

            Api.Reply second = refresh(first.field("refreshToken"));
            assertThat(second.status()).isEqualTo(200);
        }

        @Test
        void shouldRevokeTheWholeSessionWhenAUsedTokenComesBackFromAnotherClient() throws Exception {
            Session owner = accounts().aCustomer().register();
            Api.Reply rotated = refresh(owner.refreshToken());
            assertThat(rotated.status()).isEqualTo(200);

            int replay = refreshFrom(owner.refreshToken(), "thief-agent/1.0");
            Api.Reply legitimateNext = refresh(rotated.field("refreshToken"));

            assertThat(replay).isEqualTo(401);
            assertThat(legitimateNext.status()).as("the thief's and the owner's tokens both die").isEqualTo(401);
            assertThat(api().get("/api/v1/auth/me", rotated.field("accessToken")).status())
                    .as("and so do the access tokens that session issued").isEqualTo(401);
            assertThat(api().get("/api/v1/auth/me", owner.accessToken()).status()).isEqualTo(401);
            assertThat(auditActionsFor(owner)).contains("auth.refresh_reuse");
        }

        @Test
        void shouldRejectAnUnknownRefreshToken() {
            assertThat(refresh("grt_made-up").status()).isEqualTo(401);
        }

        @Test
        void shouldKeepAClientSignedInThatRefreshesOneTokenTenTimesAtOnce() throws Exception {
            Session owner = accounts().aCustomer().register();
            List<Thread> threads = new ArrayList<>();
            List<Api.Reply> replies = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 10; i++) {
                Thread thread = new Thread(() -> replies.add(refresh(owner.refreshToken())));
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
            // Every pair works, and the session was not taken for stolen.
            for (Api.Reply reply : replies) {
                assertThat(api().get("/api/v1/auth/me", reply.field("accessToken")).status()).isEqualTo(200);
            }
            assertThat(refresh(replies.get(0).field("refreshToken")).status()).isEqualTo(200);
            assertThat(auditActionsFor(owner)).doesNotContain("auth.refresh_reuse");
        }
    }

    @Nested
    @DisplayName("logout")
    class Logout {

        @Test
        void shouldRejectEveryAccessTokenOfTheSessionAfterwards() {
            Session owner = accounts().aCustomer().register();
            Api.Reply rotated = refresh(owner.refreshToken());

            api().post("/api/v1/auth/logout", Map.of("refreshToken", rotated.field("refreshToken")), owner.accessToken());

            assertThat(api().get("/api/v1/auth/me", rotated.field("accessToken")).status())
                    .as("the access token a refresh of this session issued").isEqualTo(401);
            Api.Reply otherLogin = api().post("/api/v1/auth/login",
                    Map.of("email", owner.email(), "password", Accounts.PASSWORD), null);
            assertThat(api().get("/api/v1/auth/me", otherLogin.field("accessToken")).status())
                    .as("another sign-in stays").isEqualTo(200);
        }

        @Test
        void shouldRejectTheRefreshTokenAndTheAccessTokenAfterwards() throws Exception {
            Session owner = accounts().aCustomer().register();
            Api.Reply logout = api().post("/api/v1/auth/logout", Map.of("refreshToken", owner.refreshToken()),
                    owner.accessToken());
            assertThat(logout.status()).isEqualTo(204);
            assertThat(refresh(owner.refreshToken()).status()).isEqualTo(401);
            assertThat(api().get("/api/v1/auth/me", owner.accessToken()).status()).isEqualTo(401);
            assertThat(auditActionsFor(owner)).contains("auth.logout");
        }

        @Test
        void shouldEndEverySessionWhenAskedTo() {
            Session owner = accounts().aCustomer().register();
            Api.Reply other = api().post("/api/v1/auth/login",
                    Map.of("email", owner.email(), "password", Accounts.PASSWORD), null);
            api().post("/api/v1/auth/logout", Map.of("allDevices", true), owner.accessToken());
            assertThat(refresh(other.field("refreshToken")).status()).isEqualTo(401);
            assertThat(api().get("/api/v1/auth/me", other.field("accessToken")).status())
                    .as("the other device's access token is refused too").isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("token attacks over HTTP")
    class TokenAttacks {

        @Test
        void shouldRejectAnAlgNoneToken() {
            Session owner = accounts().aCustomer().register();
            String[] parts = owner.accessToken().split("\\.");
            String none = b64("{\"alg\":\"none\"}") + "." + parts[1].replace("customer", "admin") + ".";
            Api.Reply reply = api().get("/api/v1/auth/me", none);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("unauthenticated");
        }

        @Test
        void shouldRejectATokenSignedWithAnotherKey() {
            String forged = Jwts.builder().issuer("genai-auto").audience().add("genai-auto-api").and()
                    .subject(java.util.UUID.randomUUID().toString()).id("forged").claim("role", "admin")
                    .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(600)))
                    .signWith(Keys.hmacShaKeyFor("someone-elses-secret-at-least-32-bytes".getBytes(StandardCharsets.UTF_8)))
                    .compact();
            assertThat(api().get("/api/v1/customers", forged).status()).isEqualTo(401);
        }

        @Test
        void shouldRejectTamperedClaims() {
            Session owner = accounts().aCustomer().register();
            String[] parts = owner.accessToken().split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"customer\"", "\"admin\"");
            String tampered = parts[0] + "." + b64(payload) + "." + parts[2];
            assertThat(api().get("/api/v1/customers", tampered).status()).isEqualTo(401);
        }

        @Test
        void shouldRejectAMissingOrMalformedHeader() {
            assertThat(api().get("/api/v1/auth/me", null).status()).isEqualTo(401);
            assertThat(api().get("/api/v1/auth/me", "garbage").status()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("API keys")
    class ApiKeys {

        @Test
        void shouldShowAKeyOnceStoreOnlyItsHashAndRevokeIt() throws Exception {
            Session admin = accounts().admin();
            Api.Reply created = api().post("/api/v1/auth/api-keys", Map.of("name", "dealer portal"), admin.accessToken());
            assertThat(created.status()).isEqualTo(201);
            String key = created.field("key");
            String id = created.json().path("apiKey").path("id").asText();
            assertThat(key).startsWith("gak_");

            Api.Reply listed = api().get("/api/v1/auth/api-keys", admin.accessToken());
            assertThat(listed.text()).doesNotContain(key).contains(id);
            assertThat(queryOne("SELECT key_hash FROM api_keys WHERE id = ?::uuid", id)).doesNotContain(key);

            var service = ((GenAiAutoApplication) APP.support().getApplication());
            assertThat(service).isNotNull();

            assertThat(api().get("/v1/models", key).status()).as("the new key works").isEqualTo(200);

            Api.Reply revoked = api().delete("/api/v1/auth/api-keys/" + id, admin.accessToken());
            assertThat(revoked.status()).isEqualTo(204);
            assertThat(api().get("/v1/models", key).status()).as("revoked at once on this replica").isEqualTo(401);
            List<String> actions = auditActions("api_key", id);
            assertThat(actions).contains("auth.api_key_created", "auth.api_key_revoked");
        }

        @Test
        void shouldBeManagedByAdministratorsOnly() {
            Session owner = accounts().aCustomer().register();
            Session agent = accounts().anAgent();
            assertThat(api().post("/api/v1/auth/api-keys", Map.of("name", "x"), owner.accessToken()).status())
                    .isEqualTo(403);
            assertThat(api().get("/api/v1/auth/api-keys", agent.accessToken()).status()).isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("staff accounts")
    class Staff {

        @Test
        void shouldLetAnAdministratorCreateAnAgent() {
            Session agent = accounts().anAgent();
            assertThat(api().get("/api/v1/auth/me", agent.accessToken()).field("role")).isEqualTo("agent");
        }

        @Test
        void shouldNotLetAnAgentCreateAccounts() {
            Session agent = accounts().anAgent();
            Api.Reply reply = api().post("/api/v1/auth/users", Map.of("email", Accounts.uniqueEmail("x"),
                    "password", Accounts.PASSWORD, "role", "admin"), agent.accessToken());
            assertThat(reply.status()).isEqualTo(403);
        }
    }

    private static Api.Reply refresh(String token) {
        return api().post("/api/v1/auth/refresh", Map.of("refreshToken", token), null);
    }

    /** A refresh sent by another client program (its own user agent); the status. */
    private static int refreshFrom(String token, String userAgent) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + APP.port() + "/api/v1/auth/refresh"))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + token + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> auditActionsFor(Session user) throws Exception {
        return auditActions("user", user.userId().toString());
    }

    private static List<String> auditActions(String targetType, String targetId) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection connection = DATABASE.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT action FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY id")) {
            statement.setString(1, targetType);
            statement.setString(2, targetId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    private static String queryOne(String sql, Object parameter) throws Exception {
        try (Connection connection = DATABASE.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
