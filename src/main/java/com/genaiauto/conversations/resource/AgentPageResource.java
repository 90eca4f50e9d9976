package com.genaiauto.conversations.resource;

import com.genaiauto.platform.web.WebPage;
import jakarta.ws.rs.Path;

/**
 * The support console: {@code GET /agent} and its files from the classpath folder {@code agent}.
 * Public like every page; what it shows comes from the handoff API, which needs the agent or admin role.
 */
@Path("/agent")
public final class AgentPageResource extends WebPage {

    public AgentPageResource() {
        super("agent");
    }
}
