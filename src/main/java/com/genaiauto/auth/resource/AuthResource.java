package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.TokenPair;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.auth.service.AuthService;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.genaiauto.platform.openapi.ApiDocs;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** Registration, login, token refresh, logout and the caller's own account. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @ApiResponse(responseCode = "201", description = "Registered and signed in",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/register")
    public Response register(@Valid @NotNull AuthRequests.Register body, @Context HttpServletRequest request) {
        TokenPair tokens = auth.register(new AuthService.Registration(Requests.email(body.email()), body.password(),
                body.fullName().trim(), body.phone()), Requests.client(request));
        return Response.status(201).cacheControl(NO_STORE).entity(tokens).build();
    }

    @ApiResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @POST
    @Path("/login")
    public Response login(@Valid @NotNull AuthRequests.Login body, @Context HttpServletRequest request) {
        TokenPair tokens = auth.login(Requests.email(body.email()), body.password(), Requests.client(request));
        return Response.ok(tokens).cacheControl(NO_STORE).build();
    }

    @ApiResponse(responseCode = "200", description = "A new token pair; the old refresh token is spent",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @POST
    @Path("/refresh")
    public Response refresh(@Valid @NotNull AuthRequests.Refresh body, @Context HttpServletRequest request) {
        return Response.ok(auth.refresh(body.refreshToken(), Requests.client(request))).cacheControl(NO_STORE).build();
    }

    @ApiResponse(responseCode = "204", description = "Signed out")
    @POST
    @Path("/logout")
    @PermitAll
    public Response logout(@Auth AuthenticatedUser caller, @Valid AuthRequests.Logout body,
                           @Context HttpServletRequest request) {
        if (body != null && Boolean.TRUE.equals(body.allDevices())) {
            auth.logoutEverywhere(caller, Requests.client(request));
        } else {
            auth.logout(caller, body == null ? null : body.refreshToken(), Requests.client(request));
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @PermitAll
    public UserView me(@Auth AuthenticatedUser caller) {
        return auth.me(caller);
    }
}
