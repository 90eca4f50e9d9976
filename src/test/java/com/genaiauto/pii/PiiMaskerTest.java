package com.genaiauto.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {

    private final PiiMasker masker = new PiiMasker();

    /** Masks {@code text}, expects exactly {@code value} replaced by {@code placeholder}, and a full restore. */
    private void assertMasked(String text, String value, String placeholder) {
        MaskedText masked = masker.mask(text);
        assertThat(masked.text()).as("masked form of: %s", text)
                .isEqualTo(text.replace(value, placeholder))
                .doesNotContain(value);
        assertThat(masked.originals()).containsExactly(Map.entry(placeholder, value));
        assertThat(masked.restore(masked.text())).isEqualTo(text);
    }

    @Nested
    @DisplayName("e-mail addresses")
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {"dana@example.com", "dana.miller+car@mail.example.co.uk", "J_Smith-99@garage-one.de"})
        void shouldMaskAndRestoreAnEmailAddress(String email) {
            assertMasked("Please send the invoice to " + email + ", thanks.", email, "[EMAIL_1]");
        }

        @Test
        void shouldNumberDifferentAddressesSeparately() {
            MaskedText masked = masker.mask("Use a@example.com or b@example.com, not a@example.com.");

            assertThat(masked.text()).isEqualTo("Use [EMAIL_1] or [EMAIL_2], not [EMAIL_1].");
        }
    }

    @Nested
    @DisplayName("phone numbers")
    class Phones {

        @ParameterizedTest
        @ValueSource(strings = {"+49 30 1234567", "(555) 123-4567", "555-123-4567", "0171 2345678", "+1 (555) 123-4567",
                "+44 20 7946 0958", "030/1234567", "+4915112345678", "0049 30 1234567", "020 7946 0958",
                "555.123.4567", "1-555-123-4567"})
        void shouldMaskAndRestoreAPhoneNumber(String phone) {
            assertMasked("You can reach me on " + phone + " after work.", phone, "[PHONE_1]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"phone: 5551234", "call me at 555 1234", "mobile number is 01712 34567"})
        void shouldMaskShortNumbersIntroducedAsPhoneNumbers(String sentence) {
            String number = sentence.replaceAll("^\\D*", "");

            assertMasked(sentence, number, "[PHONE_1]");
        }
    }

    @Nested
    @DisplayName("payment cards")
    class Cards {

        @ParameterizedTest
        @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559", "3782 822463 10005",
                "4222 2222 2222 2", "6011 0009 9013 9424"})
        void shouldMaskAndRestoreALuhnValidCardNumber(String card) {
            assertMasked("My card is " + card + " and expires 09/27.", card, "[CARD_1]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"4111 1111 1111 1112", "1234 5678 9012 3456", "5500005555555558"})
        void shouldLeaveALuhnInvalidNumberAlone(String notACard) {
            String text = "Reference " + notACard + " on the receipt.";

            assertThat(masker.mask(text).text()).isEqualTo(text);
        }
    }

    @Nested
    @DisplayName("national ids")
    class NationalIds {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "My SSN is 123-45-6789.|123-45-6789",
                "NI number QQ 12 34 56 C, if needed.|QQ 12 34 56 C",
                "NI QQ123456C.|QQ123456C",
                "social security number: 123 45 6789|123 45 6789",
                "passport number X1234567 expires soon|X1234567",
                "Meine Steuer-ID ist 12 345 678 901.|12 345 678 901",
                "DL number D123-4567-8901 from Ohio|D123-4567-8901"})
        void shouldMaskAndRestoreANationalId(String text, String id) {
            assertMasked(text, id, "[NATIONAL_ID_1]");
        }

        @Test
        void shouldNotTakeImpossibleSocialSecurityNumbers() {
            String text = "Codes 000-12-3456 and 666-12-3456 are not issued.";

            assertThat(masker.mask(text).text()).isEqualTo(text);
        }
    }

    @Nested
    @DisplayName("licence plates")
    class Plates {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "The car with AB12 CDE is mine.|AB12 CDE",
                "Parked as LV71XYZ outside.|LV71XYZ",
                "Kennzeichen B-AB 1234, bitte.|B-AB 1234",
                "Mein Auto M AB 123 steht hier.|M AB 123",
                "My license plate is 7ABC123 in California.|7ABC123",
                "licence plate: ABC-1234|ABC-1234",
                "registration number ABC 123 please|ABC 123",
                "plate 8xyz901 was photographed|8xyz901"})
        void shouldMaskAndRestoreAPlate(String text, String plate) {
            assertMasked(text, plate, "[PLATE_1]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"My Brio Hybrid needs a new plate.", "Is the XC40 AWD due for service?",
                "The VW ID 3 and the KIA EV6 charge at 11 kW.", "The licence plate light is out.",
                "My registration expires in 2026.", "Reg renewal is due."})
        void shouldNotTakeModelNamesOrPlainWords(String text) {
            assertThat(masker.mask(text).text()).isEqualTo(text);
        }
    }

    @Nested
    @DisplayName("street addresses")
    class Addresses {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "I live at 221B Baker Street, London.|221B Baker Street",
                "Pick the car up from 12 Oak Ave tomorrow.|12 Oak Ave",
                "Deliver to 1600 Pennsylvania Avenue NW please.|1600 Pennsylvania Avenue NW",
                "Ich wohne in der Hauptstraße 5 in Köln.|Hauptstraße 5",
                "Abholung Berliner Straße 12a.|Berliner Straße 12a",
                "We are at 350 5th Avenue.|350 5th Avenue",
                "Meet me at 1 Infinite Loop.|1 Infinite Loop",
                "I live at 2024 Elm Street now.|2024 Elm Street",
                "Send the papers to 1999 Oak Trail, Denver.|1999 Oak Trail"})
        void shouldMaskAndRestoreAnAddress(String text, String address) {
            assertMasked(text, address, "[ADDRESS_1]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"My 3 Series Drive mode is stuck.", "Does it have 4 Wheel Drive?",
                "The 2020 Ford Ranger Drive selector sticks.", "My 2024 Kodiak Trail needs new tyres.",
                "Our 2021 Summit Loop rattles at idle.", "Is a 2019 Coastline Parkway covered by the warranty?"})
        void shouldNotTakeVehicleTalkForAnAddress(String text) {
            assertThat(masker.mask(text).text()).isEqualTo(text);
        }
    }

    @Nested
    @DisplayName("ordinary vehicle-owner sentences")
    class FalsePositives {

        @ParameterizedTest
        @ValueSource(strings = {
                "My car has 45,000 km on it and the service light came on.",
                "The odometer reads 123456 miles.",
                "It is a 2019 model, bought in March 2020.",
                "The service on 12.03.2025 at 09:30 cost €249.99.",
                "The invoice was $1,249.50 including tax.",
                "Tyre pressure should be 2.5 bar front and 2.7 bar rear.",
                "The sticker says 36 psi cold, 240 kPa.",
                "The VIN is 1HGCM82633A004352.",
                "VIN: WVWZZZ1JZXW000001, first registered 2015.",
                "Lowercase vin 1hgcm82633a004352 from the registration card.",
                "The engine light shows P0301 and U0100.",
                "Use 0W-20 oil, 4.4 litres with filter.",
                "Should I switch from 5W-30 to 5W30 synthetic?",
                "Brake fluid is DOT 4, changed every 2 years.",
                "It charges with CCS2 at up to 150 kW, or 11 kW on AC.",
                "Part number 04152-YZZA1 for the oil filter.",
                "The dealer ordered part 5Q0 698 151 A for the brakes.",
                "Order 1K0-615-301-AA arrived today.",
                "The tyres are 205/55 R16 91V.",
                "Torque the wheel nuts to 120 Nm.",
                "Battery is 77 kWh and the range is 520 km (WLTP).",
                "The 12 V battery reads 12.4 V in the morning.",
                "I booked the slot from 08:00-10:00 on 2025-11-28.",
                "The recall is 23V-123, campaign 20-045.",
                "Service interval: 15,000 miles or 12 months.",
                "It did 0-60 mph in 6.2 seconds.",
                "Ticket 123 456 789 was opened yesterday.",
                "My order number is 1234567890.",
                "Invoice 2024-001234 for the brake job.",
                "Firmware 2.3.14.5 was installed on 01/15/2024.",
                "Reference 555-12-345 on the quote.",
                "Booking ref 0004 5678 at the Leeds branch.",
                "The battery cells read 3.71 3.72 3.70 volts.",
                "Speed limiter is set to 130 km/h.",
                "The Brio Hybrid gets 4.5 l/100 km.",
                "The dashboard shows error 0x1F3A.",
                "Warranty covers 3 years or 60,000 km, whichever comes first.",
                "Coolant temperature rose to 105 °C after 20 minutes.",
                "We drove 300 miles down the main road.",
                "My XC60 T8 and the GT86 both need tyres."})
        void shouldLeaveTheSentenceUnchanged(String sentence) {
            MaskedText masked = masker.mask(sentence);

            assertThat(masked.text()).isEqualTo(sentence);
            assertThat(masked.originals()).isEmpty();
            assertThat(masked.masked()).isFalse();
        }
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {

        @Test
        void shouldGiveTheSameValueTheSamePlaceholderInEveryMessage() {
            MaskingSession session = masker.session();

            String first = session.mask("I'm dana@example.com, phone +49 30 1234567.");
            String second = session.mask("Did you get my mail? It is DANA@example.com. Or call +49-30-1234567.");
            String third = session.mask("My colleague is lee@example.com.");

            assertThat(first).isEqualTo("I'm [EMAIL_1], phone [PHONE_1].");
            assertThat(second).isEqualTo("Did you get my mail? It is [EMAIL_1]. Or call [PHONE_1].");
            assertThat(third).isEqualTo("My colleague is [EMAIL_2].");
            assertThat(session.originals()).containsExactly(
                    Map.entry("[EMAIL_1]", "dana@example.com"),
                    Map.entry("[PHONE_1]", "+49 30 1234567"),
                    Map.entry("[EMAIL_2]", "lee@example.com"));
        }

        @Test
        void shouldRestoreEveryPlaceholderOfTheSessionInTheAnswer() {
            MaskingSession session = masker.session();
            session.mask("Mail dana@example.com about AB12 CDE.");
            session.mask("I live at 12 Oak Ave.");

            String answer = session.restore("I will e-mail [EMAIL_1] about [PLATE_1] and post to [ADDRESS_1].");

            assertThat(answer).isEqualTo("I will e-mail dana@example.com about AB12 CDE and post to 12 Oak Ave.");
        }

        @Test
        void shouldLeaveAlreadyMaskedTextAsItIs() {
            MaskingSession session = masker.session();
            String masked = session.mask("dana@example.com, +49 30 1234567, 4111 1111 1111 1111, QQ 12 34 56 C, AB12 CDE, 12 Oak Ave");

            assertThat(session.mask(masked)).isEqualTo(masked)
                    .isEqualTo("[EMAIL_1], [PHONE_1], [CARD_1], [NATIONAL_ID_1], [PLATE_1], [ADDRESS_1]");
        }

        @Test
        void shouldGoOnFromStoredPlaceholders() {
            MaskingSession earlier = masker.session();
            earlier.mask("a@example.com and b@example.com");

            MaskingSession resumed = masker.session(earlier.originals());

            assertThat(resumed.mask("b@example.com and c@example.com")).isEqualTo("[EMAIL_2] and [EMAIL_3]");
        }
    }

    @Nested
    @DisplayName("restoring the model's answer")
    class Restoring {

        private final MaskedText masked = masker.mask("Write to dana@example.com or call 0171 2345678 or +49 30 1234567.");

        @ParameterizedTest
        @ValueSource(strings = {"[EMAIL_1]", "[email_1]", "[Email 1]", "(EMAIL_1)", "EMAIL_1", "email-1", "[ EMAIL_1 ]",
                "[EMAIL]", "[e-mail_1]"})
        void shouldRestoreSlightlyMangledPlaceholders(String variant) {
            assertThat(masked.restore("Sent to " + variant + ".")).isEqualTo("Sent to dana@example.com.");
        }

        @Test
        void shouldLeaveAmbiguousOrUnknownPlaceholdersAlone() {
            assertThat(masked.restore("Call [PHONE] or [PHONE_9] or [CARD_1]."))
                    .isEqualTo("Call [PHONE] or [PHONE_9] or [CARD_1].");
            assertThat(masked.restore("Call [phone 2].")).isEqualTo("Call +49 30 1234567.");
        }

        @Test
        void shouldRestoreAStreamedAnswerSplitInsideAPlaceholder() {
            MaskingSession session = masker.session();
            session.mask("Mail dana@example.com please.");
            StreamingRestorer restorer = session.streamingRestorer();
            List<String> out = new ArrayList<>();

            for (String piece : List.of("I have writ", "ten to [EM", "AIL", "_1] and", " will wait.")) {
                out.add(restorer.push(piece));
            }
            out.add(restorer.finish());

            assertThat(String.join("", out)).isEqualTo("I have written to dana@example.com and will wait.");
            assertThat(out).noneMatch(piece -> piece.contains("[EM"));
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        void shouldMaskOnlyTheChosenTypes() {
            PiiMasker emailsOnly = new PiiMasker(EnumSet.of(PiiType.EMAIL));

            assertThat(emailsOnly.mask("dana@example.com, 555-123-4567").text()).isEqualTo("[EMAIL_1], 555-123-4567");
        }

        @Test
        void shouldReportWhatItFound() {
            assertThat(masker.find("dana@example.com, 4111 1111 1111 1111, AB12 CDE"))
                    .extracting(PiiMatch::type)
                    .containsExactly(PiiType.EMAIL, PiiType.CARD, PiiType.PLATE);
        }

        @Test
        void shouldPassNullAndEmptyTextThrough() {
            assertThat(masker.mask("").text()).isEmpty();
            assertThat(masker.redact(null)).isNull();
        }
    }
}
