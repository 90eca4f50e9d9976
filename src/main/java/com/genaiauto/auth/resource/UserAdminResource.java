package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.platform.openapi.ApiDocs;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Accounts created by an administrator: support agents, other administrators, customers. */
@Path("/api/v1/auth/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserAdminResource {

    private final AuthService auth;

    public UserAdminResource(AuthService auth) {
        this.auth = auth;
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(@Auth AuthenticatedUser admin, @Valid @NotNull AuthRequests.CreateUser body,
                           @Context HttpServletRequest request) {
        UserView user = auth.createUser(Requests.email(body.email()), body.password(), body.role(),
                body.displayName(), admin, Requests.client(request));
        return Response.status(201).entity(user).build();
    }
}
