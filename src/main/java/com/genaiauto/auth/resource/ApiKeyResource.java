package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.ApiKeyView;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.CreatedApiKey;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** API keys, managed by administrators. */
@Path("/api/v1/auth/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @ApiResponse(responseCode = "201", description = "Created; the key itself is shown this once",
            content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(@Auth AuthenticatedUser admin, @Valid @NotNull AuthRequests.CreateApiKey body,
                           @Context HttpServletRequest request) {
        CreatedApiKey created = keys.create(body.name(), body.scopes(), body.ownerUserId(), body.expiresAt(), admin,
                Requests.client(request));
        return Response.status(201).cacheControl(CacheControl.valueOf("no-store")).entity(created).build();
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public Page<ApiKeyView> list(@Auth AuthenticatedUser admin, @QueryParam("limit") Integer limit,
                                 @QueryParam("offset") Integer offset) {
        return keys.list(admin, PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "204", description = "Revoked")
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response revoke(@Auth AuthenticatedUser admin, @PathParam("id") UUID id,
                           @Context HttpServletRequest request) {
        keys.revoke(id, admin, Requests.client(request));
        return Response.noContent().build();
    }
}
