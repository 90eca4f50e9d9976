package com.genaiauto.conversations.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.customers.model.ServiceType;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Booking parser")
class BookingParserTest {

    private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 26);

    @Nested
    @DisplayName("consent")
    class Consent {

        @Test
        void shouldTakeOnlyAPlainYesAsConsent() {
            assertThat(BookingParser.isYes("yes")).isTrue();
            assertThat(BookingParser.isYes("Yes please!")).isTrue();
            assertThat(BookingParser.isYes("ok, book it")).isTrue();
            assertThat(BookingParser.isYes("great, but can you make it Friday?")).isFalse();
            assertThat(BookingParser.isYes("ok what about 3pm?")).isFalse();
            assertThat(BookingParser.isYes("yes at 10 instead")).isFalse();
        }

        @Test
        void shouldRecogniseAPlainNo() {
            assertThat(BookingParser.isNo("no thanks")).isTrue();
            assertThat(BookingParser.isNo("nope")).isTrue();
            assertThat(BookingParser.isNo("now please")).isFalse();
        }
    }

    @Nested
    @DisplayName("dates and times")
    class DatesAndTimes {

        @Test
        void shouldReadRelativeAndNamedDays() {
            assertThat(BookingParser.date("tomorrow morning", THURSDAY)).contains(THURSDAY.plusDays(1));
            assertThat(BookingParser.date("next Tuesday", THURSDAY)).contains(LocalDate.of(2026, 12, 1));
            assertThat(BookingParser.date("on Thursday", THURSDAY)).contains(THURSDAY.plusDays(7));
            assertThat(BookingParser.date("3 December please", THURSDAY)).contains(LocalDate.of(2026, 12, 3));
            assertThat(BookingParser.date("march 2nd", THURSDAY)).contains(LocalDate.of(2027, 3, 2));
            assertThat(BookingParser.date("on 2027-01-15", THURSDAY)).contains(LocalDate.of(2027, 1, 15));
            assertThat(BookingParser.date("a 3 decent slot", THURSDAY)).isEmpty();
        }

        @Test
        void shouldReadClockTimesAndWindows() {
            assertThat(BookingParser.time("at 10").exact()).isEqualTo(LocalTime.of(10, 0));
            assertThat(BookingParser.time("at 3").exact()).isEqualTo(LocalTime.of(15, 0));
            assertThat(BookingParser.time("14:30 works").exact()).isEqualTo(LocalTime.of(14, 30));
            assertThat(BookingParser.time("12am").exact()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(BookingParser.time("in the morning").accepts(LocalTime.of(9, 0))).isTrue();
            assertThat(BookingParser.time("in the morning").accepts(LocalTime.of(13, 0))).isFalse();
            assertThat(BookingParser.time("my plate is AB12 CDE").accepts(LocalTime.of(9, 0))).isTrue();
        }

        @Test
        void shouldReadTheKindOfService() {
            assertThat(BookingParser.serviceType("book an oil change")).contains(ServiceType.OIL_CHANGE);
            assertThat(BookingParser.serviceType("the brakes need a look")).contains(ServiceType.BRAKE_SERVICE);
            assertThat(BookingParser.serviceType("swap to winter tyres")).contains(ServiceType.TYRE_CHANGE);
            assertThat(BookingParser.serviceType("hello")).isEmpty();
        }
    }
}
