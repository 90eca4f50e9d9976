package com.genaiauto.platform.ratelimit;

import com.genaiauto.platform.web.Routes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Applies {@link UserRateLimits} to every request of a signed-in user, once the route is matched
 * and the caller authorised (a refused caller spends nothing). Anonymous requests are left to
 * the credential throttles and to nginx.
 */
@Priority(Priorities.AUTHORIZATION + 100)
public final class UserRateLimitFilter implements ContainerRequestFilter {

    private final UserRateLimits limits;

    @Context
    private ExtendedUriInfo uriInfo;

    public UserRateLimitFilter(UserRateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal user = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (user == null) {
            return;
        }
        limits.take(request.getMethod() + " " + Routes.template(uriInfo), user.getName());
    }
}
