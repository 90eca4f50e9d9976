package com.genaiauto.platform.console;

import com.genaiauto.platform.web.WebPage;
import jakarta.ws.rs.Path;

/**
 * The operator console, {@code GET /admin}: API keys and their limits, spend, providers and their
 * switches, the knowledge base and evaluation runs. The page only serves itself; it signs an
 * administrator in and reads every figure from the modules' own REST endpoints (administrators
 * only), so it spans the modules without reaching into any of them.
 */
@Path("/admin")
public final class OperatorConsolePage extends WebPage {

    public OperatorConsolePage() {
        super("admin");
    }
}
