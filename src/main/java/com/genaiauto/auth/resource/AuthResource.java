package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.TokenPair;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.platform.errors.AuthenticationRequiredException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.openapi.ApiDocs;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

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

    /**
     * The same 202 whether the address was free or already had an account (then nothing changes):
     * the client signs in next. Anything else would tell an anonymous caller who has an account.
     */
    @ApiResponse(responseCode = "202", description = "Registration received; sign in with the e-mail and password",
            content = @Content(schema = @Schema(implementation = RegistrationReceived.class)))
    @POST
    @Path("/register")
    public Response register(@Valid @NotNull AuthRequests.Register body, @Context HttpServletRequest request) {
        auth.register(new AuthService.Registration(Requests.email(body.email()), body.password(),
                body.fullName().trim(), body.phone()), Requests.client(request));
        return Response.accepted(RegistrationReceived.INSTANCE).cacheControl(NO_STORE).build();
    }

    /** The one answer to a registration. */
    public record RegistrationReceived(String status, String message) {
        static final RegistrationReceived INSTANCE = new RegistrationReceived("received",
                "Sign in with this e-mail and password. If the address already had an account, sign in with "
                        + "that account's password.");
    }

    @ApiResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @POST
    @Path("/login")
    public Response login(@Valid @NotNull AuthRequests.Login body, @HeaderParam(RefreshCookie.HEADER) String session,
                          @Context HttpServletRequest request) {
        TokenPair tokens = auth.login(Requests.email(body.email()), body.password(), Requests.client(request));
        return RefreshCookie.deliver(Response.ok(), tokens, RefreshCookie.wanted(session)).cacheControl(NO_STORE).build();
    }

    /** The refresh token comes in the body, or (for a page that says {@code X-Session: cookie}) in the cookie. */
    @ApiResponse(responseCode = "200", description = "A new token pair; the old refresh token is spent",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @POST
    @Path("/refresh")
    public Response refresh(@Valid AuthRequests.Refresh body, @HeaderParam(RefreshCookie.HEADER) String session,
                            @CookieParam(RefreshCookie.NAME) String cookie, @Context HttpServletRequest request) {
        boolean cookieMode = RefreshCookie.wanted(session);
        String token = body != null && hasText(body.refreshToken()) ? body.refreshToken() : cookieMode ? cookie : null;
        if (!hasText(token)) {
            if (cookieMode) {
                throw new AuthenticationRequiredException("There is no session to refresh: sign in.");
            }
            throw new UnprocessableException("The request is not valid.",
                    Map.of("fields", List.of(Map.of("field", "refreshToken", "message", "must not be blank"))));
        }
        TokenPair tokens = auth.refresh(token, Requests.client(request));
        return RefreshCookie.deliver(Response.ok(), tokens, cookieMode).cacheControl(NO_STORE).build();
    }

    @ApiResponse(responseCode = "204", description = "Signed out")
    @POST
    @Path("/logout")
    @PermitAll
    public Response logout(@Auth AuthenticatedUser caller, @Valid AuthRequests.Logout body,
                           @HeaderParam(RefreshCookie.HEADER) String session,
                           @CookieParam(RefreshCookie.NAME) String cookie, @Context HttpServletRequest request) {
        boolean cookieMode = RefreshCookie.wanted(session);
        if (body != null && Boolean.TRUE.equals(body.allDevices())) {
            auth.logoutEverywhere(caller, Requests.client(request));
        } else {
            String token = body != null && hasText(body.refreshToken()) ? body.refreshToken() : cookieMode ? cookie : null;
            auth.logout(caller, token, Requests.client(request));
        }
        Response.ResponseBuilder response = Response.noContent();
        return (cookieMode ? RefreshCookie.clear(response) : response).build();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @GET
    @Path("/me")
    @PermitAll
    public UserView me(@Auth AuthenticatedUser caller) {
        return auth.me(caller);
    }
}
