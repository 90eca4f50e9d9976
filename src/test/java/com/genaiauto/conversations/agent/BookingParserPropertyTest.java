package com.genaiauto.conversations.agent;

import java.time.DateTimeException;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What owners type when booking: any text yields a day, a time preference and a service type or
 * none; a date that does not exist ("31 February") is the one refusal, which the agent answers.
 */
class BookingParserPropertyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Property(tries = 1000)
    void shouldReadAnyText(@ForAll String text) {
        read(text);
    }

    @Property(tries = 1000)
    void shouldReadAnyTextThatLooksLikeADate(@ForAll("datelike") String text) {
        read(text);
    }

    @Provide
    Arbitrary<String> datelike() {
        Arbitrary<String> number = Arbitraries.integers().between(0, 99999).map(String::valueOf);
        Arbitrary<String> word = Arbitraries.of("january", "feb", "march", "dec", "tomorrow", "today", "monday",
                "at", "am", "pm", "noon", "morning", "-", "/", ":", "the", "of", "next", "oil change", "tyres");
        return Arbitraries.oneOf(number, word).list().ofMaxSize(8).map(parts -> String.join(" ", parts));
    }

    private static void read(String text) {
        try {
            BookingParser.date(text, TODAY);
        } catch (DateTimeException refused) {
            // "31 February" or "2026-13-45": the agent asks again.
        }
        BookingParser.time(text);
        BookingParser.serviceType(text);
        BookingParser.isYes(text);
        BookingParser.isNo(text);
    }
}
