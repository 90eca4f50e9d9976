package com.genaiauto.llm.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.llm.control.ProviderSwitches;
import com.genaiauto.llm.control.ProviderSwitches.Switch;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.llm.service.ProviderStatus;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The operator switches of a remote provider on the application port, for the operator console
 * (the admin port's tasks do the same, but a page cannot reach that port). Each acts on every
 * replica, is idempotent, is audited under the administrator's id, and answers the provider's
 * state on this replica afterwards.
 */
@Path("/api/v1/llm/providers/{name}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class ProviderSwitchResource {

    private final ProviderSwitches switches;

    public ProviderSwitchResource(ProviderSwitches switches) {
        this.switches = switches;
    }

    @POST
    @Path("/enable")
    public ProviderStatus enable(@Auth AuthenticatedUser admin, @PathParam("name") String name) {
        return flip(admin, name, Switch.ENABLE);
    }

    @POST
    @Path("/disable")
    public ProviderStatus disable(@Auth AuthenticatedUser admin, @PathParam("name") String name) {
        return flip(admin, name, Switch.DISABLE);
    }

    /** Holds the breaker open (no calls reach the provider) until a reset. */
    @POST
    @Path("/circuit/open")
    public ProviderStatus openCircuit(@Auth AuthenticatedUser admin, @PathParam("name") String name) {
        return flip(admin, name, Switch.OPEN_CIRCUIT);
    }

    /** Closes the breaker and forgets the failures it counted. */
    @POST
    @Path("/circuit/reset")
    public ProviderStatus resetCircuit(@Auth AuthenticatedUser admin, @PathParam("name") String name) {
        return flip(admin, name, Switch.RESET_CIRCUIT);
    }

    private ProviderStatus flip(AuthenticatedUser admin, String name, Switch change) {
        ProviderSlot slot = switches.slot(name).orElseThrow(() -> new ResourceNotFoundException(
                "No remote provider has this name; the local extractive responder has no switches."));
        return ProviderStatus.of(switches.flip(slot, change, event -> event.by(admin.userId())), true);
    }
}
