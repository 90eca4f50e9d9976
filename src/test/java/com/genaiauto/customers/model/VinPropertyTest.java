package com.genaiauto.customers.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text given as a VIN is accepted as a valid one or refused with the VIN's own error, never anything else. */
class VinPropertyTest {

    @Property(tries = 1000)
    void shouldAcceptOrRefuseAnyText(@ForAll String text) {
        acceptOrRefuse(text);
    }

    @Property(tries = 1000)
    void shouldAcceptOrRefuseAnythingShapedLikeAVin(@ForAll("vinShaped") String text) {
        acceptOrRefuse(text);
    }

    @Provide
    Arbitrary<String> vinShaped() {
        return Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars(' ', '-').ofMinLength(15).ofMaxLength(21);
    }

    private static void acceptOrRefuse(String text) {
        try {
            Vin vin = Vin.of(text);
            assertThat(vin.value()).hasSize(17).doesNotContain("I", "O", "Q");
        } catch (Vin.InvalidVinException refused) {
            assertThat(refused.getMessage()).startsWith("VIN");
        }
    }
}
