package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.turn.Turn;

/** One of the assistant's specialists: answers a turn routed to its intent. */
public interface ChatAgent {

    Intent intent();

    default String name() {
        return intent().wire();
    }

    /** {@code routing} is the router's probability for this agent's intent. */
    AgentReply answer(Turn turn, double routing, TokenSink sink);
}
