package com.genaiauto.platform.tracing;

import com.genaiauto.platform.web.Routes;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Names the server span by the route Jersey matched ({@code POST /api/v1/chat},
 * {@code GET /api/v1/vehicles/{id}}): a name shared by every request of the route, never a
 * concrete id. Runs before authentication, so refused requests are named too.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class ServerSpanRoute implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        // Jersey keeps request properties as the servlet request's attributes.
        if (request.getProperty(ServerSpanFilter.SPAN_ATTRIBUTE) instanceof Span span
                && request.getUriInfo() instanceof ExtendedUriInfo uriInfo) {
            String route = Routes.template(uriInfo);
            request.setProperty(ServerSpanFilter.ROUTE_ATTRIBUTE, route);
            span.updateName(request.getMethod() + " " + route);
            span.setAttribute(ServerSpanFilter.ROUTE, route);
        }
    }
}
