package com.genaiauto.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Customer profiles: whose e-mail address a profile may carry")
class CustomerProfilesIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private final Api api = new Api(APP.port());
    private final Accounts accounts = new Accounts(api);

    private Api.Reply changeEmail(Session who, Session profileOf, String email) {
        return api.patch("/api/v1/customers/" + profileOf.customerId(), Map.of("email", email), who.accessToken());
    }

    private static JsonNode errorWithoutRequestId(Api.Reply reply) {
        JsonNode error = reply.json().path("error").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) error).remove("requestId");
        return error;
    }

    @Nested
    @DisplayName("a customer")
    class ACustomer {

        @Test
        void shouldNotPutAnotherPersonsAddressOnTheirProfileNorLearnWhetherItIsTaken() {
            Session victim = accounts.aCustomer().register();
            Session attacker = accounts.aCustomer().register();

            Api.Reply taken = changeEmail(attacker, attacker, victim.email().toUpperCase(Locale.ROOT));
            Api.Reply free = changeEmail(attacker, attacker, Accounts.uniqueEmail("nobody-has-this"));

            assertThat(taken.status()).as(taken.toString()).isEqualTo(422);
            assertThat(free.status()).as(free.toString()).isEqualTo(taken.status());
            assertThat(errorWithoutRequestId(free)).isEqualTo(errorWithoutRequestId(taken));
            assertThat(taken.json().path("error").path("details").path("fields").get(0).path("field").asText())
                    .isEqualTo("email");
            assertThat(api.get("/api/v1/customers/me", attacker.accessToken()).field("email"))
                    .isEqualTo(attacker.email());
        }

        @Test
        void shouldKeepTheirOwnSignInAddressWhateverItsCase() {
            Session owner = accounts.aCustomer().register();

            Api.Reply same = changeEmail(owner, owner, owner.email().toUpperCase(Locale.ROOT));

            assertThat(same.status()).as(same.toString()).isEqualTo(200);
            assertThat(same.field("email")).isEqualTo(owner.email());
        }
    }

    @Nested
    @DisplayName("an administrator")
    class AnAdministrator {

        @Test
        void shouldRecordAnotherContactAddressButNotOneAnotherCustomerHas() {
            Session owner = accounts.aCustomer().register();
            Session other = accounts.aCustomer().register();
            Session admin = accounts.admin();
            String contact = Accounts.uniqueEmail("contact");

            Api.Reply recorded = changeEmail(admin, owner, contact);
            Api.Reply clash = changeEmail(admin, owner, other.email());

            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
            assertThat(recorded.field("email")).isEqualTo(contact);
            assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
            assertThat(clash.errorCode()).isEqualTo("email_in_use");
        }
    }
}
