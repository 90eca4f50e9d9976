package com.genaiauto.conversations.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.rag.model.DocumentedVehicle;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cars named in a message")
class VehicleNamesTest {

    private static Vehicle vehicle(String make, String model, int year, String powertrain, String plate) {
        return new Vehicle(UUID.randomUUID(), UUID.randomUUID(), "VIN", make, model, year, powertrain, 1_000, plate, false,
                Instant.now(), Instant.now());
    }

    private static final Vehicle VOLT = vehicle("Aster", "Volt", 2023, "electric", "AB12 CDE");
    private static final Vehicle COMET = vehicle("Aster", "Comet Hybrid", 2019, "hybrid", null);

    @Test
    void shouldFindTheOwnersCarByModelCoreNameOrPlateInAnyCase() {
        assertThat(VehicleNames.ownedNamed("tyre pressure for my volt?", List.of(VOLT, COMET))).containsExactly(VOLT);
        assertThat(VehicleNames.ownedNamed("does the comet need oil", List.of(VOLT, COMET))).containsExactly(COMET);
        assertThat(VehicleNames.ownedNamed("the one with plate ab12cde", List.of(VOLT, COMET))).containsExactly(VOLT);
        assertThat(VehicleNames.ownedNamed("what about revolts", List.of(VOLT, COMET))).isEmpty();
    }

    @Test
    void shouldPickACarFromAReplyByNameYearOrPowertrain() {
        assertThat(VehicleNames.pick("the Comet", List.of(VOLT, COMET))).contains(COMET);
        assertThat(VehicleNames.pick("the 2023 one", List.of(VOLT, COMET))).contains(VOLT);
        assertThat(VehicleNames.pick("the electric one", List.of(VOLT, COMET))).contains(VOLT);
        assertThat(VehicleNames.pick("not sure", List.of(VOLT, COMET))).isEmpty();
    }

    @Test
    void shouldFindAnotherDocumentedModelTheOwnerDoesNotHave() {
        List<DocumentedVehicle> documented = List.of(new DocumentedVehicle("Aster", "Volt"),
                new DocumentedVehicle("Orla", "Fjord"));
        assertThat(VehicleNames.otherNamed("how much can a fjord tow", documented, List.of(VOLT)))
                .contains(new DocumentedVehicle("Orla", "Fjord"));
        assertThat(VehicleNames.otherNamed("how much can my volt tow", documented, List.of(VOLT))).isEmpty();
    }
}
