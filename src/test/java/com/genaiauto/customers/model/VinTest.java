package com.genaiauto.customers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("VIN (ISO 3779)")
class VinTest {

    @Nested
    @DisplayName("North-American VINs carry a check digit")
    class NorthAmerican {

        @ParameterizedTest
        @ValueSource(strings = {"1HGCM82633A004352", "1M8GDM9AXKP042788", "5YJ3E1EA2KF317000", "2T1BURHE5JC034461"})
        void shouldAcceptValidCheckDigits(String vin) {
            assertThat(Vin.of(vin).value()).isEqualTo(vin);
        }

        @Test
        void shouldComputeXForRemainderTen() {
            assertThat(Vin.checkDigit("1M8GDM9AXKP042788")).isEqualTo('X');
        }

        @Test
        void shouldRejectAWrongCheckDigit() {
            assertThatThrownBy(() -> Vin.of("1HGCM82643A004352"))
                    .isInstanceOf(Vin.InvalidVinException.class)
                    .hasMessageContaining("check digit");
        }
    }

    @Nested
    @DisplayName("every VIN")
    class Shape {

        @ParameterizedTest
        @ValueSource(strings = {"1HGCM82633A00435I", "WVWZZZ1JZOW000001", "JHMCQ12345678901Q"})
        void shouldRejectTheLettersIOAndQ(String vin) {
            assertThatThrownBy(() -> Vin.of(vin)).hasMessageContaining("other than I, O and Q");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1HGCM82633A00435", "1HGCM82633A0043521"})
        void shouldRequireSeventeenCharacters(String vin) {
            assertThatThrownBy(() -> Vin.of(vin)).hasMessageContaining("17 characters");
        }

        @Test
        void shouldNotRequireACheckDigitOutsideNorthAmerica() {
            // European VINs commonly have a filler, not a check digit, in position nine.
            assertThat(Vin.of("WVWZZZ1JZXW000001").value()).isEqualTo("WVWZZZ1JZXW000001");
        }

        @Test
        void shouldNormaliseCaseSpacesAndDashes() {
            assertThat(Vin.of(" 1hgcm8-2633a004352 ").value()).isEqualTo("1HGCM82633A004352");
        }

        @Test
        void shouldRejectPunctuation() {
            assertThatThrownBy(() -> Vin.of("1HGCM82633A00435*")).isInstanceOf(Vin.InvalidVinException.class);
        }
    }
}
