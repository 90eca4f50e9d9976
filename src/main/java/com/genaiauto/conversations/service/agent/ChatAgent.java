package com.genaiauto.conversations.service.agent;

/** One of the assistant's specialists. */
public interface ChatAgent {

    String name();

    AgentReply answer(Turn turn, TokenSink sink);
}
