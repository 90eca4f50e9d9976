package com.genaiauto.pii;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The masker on generated text: what it detects never reaches the masked text, and restoring gives the text back. */
class PiiMaskerPropertyTest {

    private final PiiMasker masker = PiiMasker.standard();

    @Property(tries = 500)
    void shouldNeverLeakAValueItDetected(@ForAll("messages") String message) {
        MaskedText masked = masker.mask(message);
        for (PiiMatch match : masker.find(message)) {
            assertThat(masked.text()).doesNotContain(match.value());
        }
    }

    @Property(tries = 500)
    void shouldGiveTheOwnersTextBackWhenRestored(@ForAll("messages") String message) {
        MaskedText masked = masker.mask(message);
        assertThat(masked.restore(masked.text())).isEqualTo(message);
    }

    @Property(tries = 500)
    void shouldMaskEveryPlantedAddressAndNumber(@ForAll("emails") String email, @ForAll("phones") String phone,
                                               @ForAll("words") String before, @ForAll("words") String after) {
        String message = before + " write to " + email + " or call " + phone + " " + after;
        String masked = masker.mask(message).text();
        assertThat(masked).doesNotContain(email).doesNotContain(phone);
    }

    @Property(tries = 300)
    void shouldNotFailOnAnyText(@ForAll String anything) {
        MaskedText masked = masker.mask(anything);
        assertThat(masked.restore(masked.text())).isEqualTo(anything);
    }

    @Provide
    Arbitrary<String> messages() {
        return Combinators.combine(words(), emails(), phones(), words())
                .as((a, email, phone, b) -> a + " " + email + ", " + phone + ". " + b);
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(part, part, Arbitraries.of("com", "de", "co.uk", "net"))
                .as((local, domain, tld) -> local + "@" + domain + "." + tld);
    }

    @Provide
    Arbitrary<String> phones() {
        return Combinators.combine(Arbitraries.of("+49 171 ", "+44 7700 ", "+1 415 ", "0171 "),
                        Arbitraries.strings().numeric().ofLength(7))
                .as((prefix, digits) -> prefix + digits);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', ',', '.').ofMaxLength(80);
    }
}
