package com.genaiauto.conversations.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a question asks for")
class QuestionShapeTest {

    @Test
    void shouldReadBarAsAPressureOnlyWithAFigureOrWhenAskedFor() {
        assertThat(QuestionShape.of("is 2.4 bar enough for the front tyres").wantsFigure()).isTrue();
        assertThat(Quantity.askedIn("is 2.4 bar enough for the front tyres")).contains(Quantity.PRESSURE);
        assertThat(QuestionShape.of("whats that in bar").wantsFigure()).isTrue();
        assertThat(Quantity.askedIn("how many bar for the tyres")).contains(Quantity.PRESSURE);
        assertThat(QuestionShape.of("mate wants to tow me with a rigid bar, any advice").wantsFigure()).isFalse();
        assertThat(Quantity.askedIn("mate wants to tow me with a rigid bar, any advice")).doesNotContain(Quantity.PRESSURE);
    }
}
