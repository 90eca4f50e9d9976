package com.genaiauto.conversations.model;

import java.util.List;

/** A conversation with its messages, oldest first. */
public record ConversationDetail(Conversation conversation, List<Message> messages) {

    public ConversationDetail {
        messages = List.copyOf(messages);
    }
}
