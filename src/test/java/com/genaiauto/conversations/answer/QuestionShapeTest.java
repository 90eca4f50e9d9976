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

    @Test
    void shouldTellAQuestionAboutWhereAndALineThatSaysWhere() {
        assertThat(QuestionShape.of("where do i connect jumper cables").wantsPlace()).isTrue();
        assertThat(QuestionShape.of("cant find the bonnet catch on the van").wantsPlace()).isTrue();
        assertThat(QuestionShape.of("wheres the tyre repair kit").wantsPlace()).isTrue();
        assertThat(QuestionShape.of("where\u2019s the 12v battery").wantsPlace()).isTrue();
        assertThat(QuestionShape.of("somewhere to charge near me?").wantsPlace()).isFalse();
        assertThat(QuestionShape.of("how often should the coolant be changed").wantsPlace()).isFalse();
        assertThat(QuestionShape.statesPlace("Use the remote jump-start terminals under the hood.")).isTrue();
        assertThat(QuestionShape.statesPlace("The release lever is on the left side of the footwell.")).isTrue();
        assertThat(QuestionShape.statesPlace("Replace the coolant every 5 years.")).isFalse();
        assertThat(QuestionShape.statesPlace("The battery is covered under warranty for 8 years.")).isFalse();
        assertThat(QuestionShape.statesPlace("Do not charge above 45 °C; see the table below.")).isFalse();
    }
}
