package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.answer.GroundedAnswerer;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.turn.Turn;

/** Answers from the owner's documents, citing them; says so plainly when they do not cover the question. */
public final class SpecsAgent implements ChatAgent {

    static final String INSTRUCTIONS = "You answer vehicle owners' questions from their car's manuals: specifications, "
            + "fluids, tyres, features and how to use them, warning lights, charging, towing and warranty.";

    private final GroundedAnswerer answerer;

    public SpecsAgent(GroundedAnswerer answerer) {
        this.answerer = answerer;
    }

    @Override
    public Intent intent() {
        return Intent.SPECS;
    }

    @Override
    public AgentReply answer(Turn turn, double routing, TokenSink sink) {
        return answerer.deliver(turn, answerer.ground(turn, routing), name(), INSTRUCTIONS, sink);
    }
}
