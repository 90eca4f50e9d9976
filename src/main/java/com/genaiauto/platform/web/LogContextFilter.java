package com.genaiauto.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.slf4j.MDC;

/**
 * Puts the matched route and the signed-in user's id (an id, never an e-mail or a name) into the
 * log context, so that every line a request logs can be found by either; {@link RequestIdFilter}
 * clears them when the request ends.
 */
@Priority(Priorities.AUTHORIZATION + 50)
public final class LogContextFilter implements ContainerRequestFilter {

    public static final String ROUTE = "route";
    public static final String USER_ID = "userId";

    @Context
    private ExtendedUriInfo uriInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        MDC.put(ROUTE, request.getMethod() + " " + Routes.template(uriInfo));
        Principal user = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (user != null) {
            MDC.put(USER_ID, user.getName());
        }
    }
}
