package com.genaiauto.conversations.resource;

import com.genaiauto.platform.web.WebPage;
import jakarta.ws.rs.Path;

/** The owners' chat page: {@code GET /chat} and its files from the classpath folder {@code chat}. */
@Path("/chat")
public final class ChatPageResource extends WebPage {

    public ChatPageResource() {
        super("chat");
    }
}
