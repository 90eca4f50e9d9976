package com.genaiauto.conversations.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The maintenance agent's replies")
class MaintenanceAgentTest {

    @Test
    @DisplayName("quote a refusal as one sentence, with one full stop whether or not the refusal had one")
    void shouldEndAQuotedRefusalWithOneFullStop() {
        assertThat(MaintenanceAgent.sentence("That slot is already booked.")).isEqualTo("That slot is already booked.");
        assertThat(MaintenanceAgent.sentence("That slot is already booked")).isEqualTo("That slot is already booked.");
        assertThat(MaintenanceAgent.sentence("Is that a workday? ")).isEqualTo("Is that a workday?");
    }
}
