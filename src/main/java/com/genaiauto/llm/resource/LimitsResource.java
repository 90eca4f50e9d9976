package com.genaiauto.llm.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.llm.governance.DailyUsageReport;
import com.genaiauto.llm.governance.LimitsAdmin;
import com.genaiauto.llm.governance.SpendLimits;
import com.genaiauto.llm.governance.UsageGrouping;
import com.genaiauto.llm.governance.UsageReport;
import com.genaiauto.platform.errors.UnprocessableException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Limits of API keys and of the users who own them (budgets per day and month, what happens past
 * them, request and token rates, allowed models), and usage reports read from the cost ledger.
 * Administrators only.
 */
@Path("/api/v1/llm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LimitsResource {

    private final LimitsAdmin admin;

    public LimitsResource(LimitsAdmin admin) {
        this.admin = admin;
    }

    @GET
    @Path("/keys/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public SpendLimits keyLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id) {
        return admin.get(LimitsAdmin.Subject.KEY, id);
    }

    @PUT
    @Path("/keys/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public SpendLimits setKeyLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id,
                                    @Valid @NotNull SpendLimits limits) {
        return admin.put(LimitsAdmin.Subject.KEY, id, limits, caller.userId());
    }

    @ApiResponse(responseCode = "204", description = "Lifted")
    @DELETE
    @Path("/keys/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response liftKeyLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id) {
        admin.delete(LimitsAdmin.Subject.KEY, id, caller.userId());
        return Response.noContent().build();
    }

    @GET
    @Path("/users/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public SpendLimits userLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id) {
        return admin.get(LimitsAdmin.Subject.USER, id);
    }

    @PUT
    @Path("/users/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public SpendLimits setUserLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id,
                                     @Valid @NotNull SpendLimits limits) {
        return admin.put(LimitsAdmin.Subject.USER, id, limits, caller.userId());
    }

    @ApiResponse(responseCode = "204", description = "Lifted")
    @DELETE
    @Path("/users/{id}/limits")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response liftUserLimits(@Auth AuthenticatedUser caller, @PathParam("id") UUID id) {
        admin.delete(LimitsAdmin.Subject.USER, id, caller.userId());
        return Response.noContent().build();
    }

    /** {@code by} key, user, model or day; {@code from}/{@code to} UTC days (today when absent). */
    @GET
    @Path("/usage")
    @RolesAllowed(Role.ADMIN_NAME)
    public UsageReport usage(@Auth AuthenticatedUser caller, @QueryParam("by") String by,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("keyId") UUID keyId, @QueryParam("userId") UUID userId) {
        return admin.report(grouping(by, "by must be key, user, model or day."), day(from, "from"), day(to, "to"),
                keyId, userId);
    }

    /** The same per UTC day and {@code by} key, user or model: the series of a spend chart. */
    @GET
    @Path("/usage/daily")
    @RolesAllowed(Role.ADMIN_NAME)
    public DailyUsageReport dailyUsage(@Auth AuthenticatedUser caller, @QueryParam("by") String by,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("keyId") UUID keyId, @QueryParam("userId") UUID userId) {
        return admin.dailyReport(grouping(by, "by must be key, user or model."), day(from, "from"), day(to, "to"),
                keyId, userId);
    }

    private static UsageGrouping grouping(String by, String problem) {
        try {
            return UsageGrouping.parse(by);
        } catch (IllegalArgumentException unknown) {
            throw new UnprocessableException(problem);
        }
    }

    private static LocalDate day(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new UnprocessableException(name + " must be a date like 2026-12-05.");
        }
    }
}
