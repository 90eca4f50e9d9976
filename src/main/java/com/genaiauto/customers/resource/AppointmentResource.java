package com.genaiauto.customers.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.service.AppointmentService;
import com.genaiauto.platform.openapi.ApiDocs;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Booking, rescheduling and the life cycle of workshop appointments. */
@Path("/api/v1/appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class AppointmentResource {

    private final AppointmentService appointments;

    public AppointmentResource(AppointmentService appointments) {
        this.appointments = appointments;
    }

    @GET
    public Page<Appointment> list(@Auth AuthenticatedUser actor, @QueryParam("customerId") UUID customerId,
                                  @QueryParam("vehicleId") UUID vehicleId, @QueryParam("status") String status,
                                  @QueryParam("dealer") String dealer, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("limit") Integer limit,
                                  @QueryParam("offset") Integer offset) {
        return appointments.list(actor, new AppointmentService.Filter(customerId, vehicleId, Parsing.status(status),
                dealer, Parsing.instant("from", from), Parsing.instant("to", to)), PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "201", description = "Booked",
            content = @Content(schema = @Schema(implementation = Appointment.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    public Response book(@Auth AuthenticatedUser actor, @Valid @NotNull CustomerRequests.NewAppointment body) {
        Appointment booked = appointments.book(actor, new AppointmentService.Booking(body.vehicleId(),
                Parsing.serviceType(body.serviceType()), body.dealer(), body.startsAt(), body.bay(), body.notes()));
        return Response.status(201).entity(booked).build();
    }

    @GET
    @Path("/availability")
    public List<FreeSlot> availability(@Auth AuthenticatedUser actor, @QueryParam("dealer") String dealer,
                                       @QueryParam("date") String date,
                                       @QueryParam("serviceType") String serviceType) {
        return appointments.freeSlots(dealer, Parsing.date("date", date), Parsing.serviceType(serviceType));
    }

    @GET
    @Path("/dealers")
    public List<Dealer> dealers(@Auth AuthenticatedUser actor) {
        return appointments.dealers();
    }

    @GET
    @Path("/{id}")
    public Appointment get(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return appointments.get(actor, id);
    }

    @ApiResponse(responseCode = "200", description = "The appointment as moved")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @PATCH
    @Path("/{id}")
    public Appointment reschedule(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                                  @Valid @NotNull CustomerRequests.Reschedule body) {
        return appointments.reschedule(actor, id, body.startsAt(), body.bay());
    }

    @ApiResponse(responseCode = "200", description = "Confirmed")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/confirm")
    public Appointment confirm(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return appointments.confirm(actor, id);
    }

    @ApiResponse(responseCode = "200", description = "Completed")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/complete")
    public Appointment complete(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                                @Valid CustomerRequests.Completion body) {
        return appointments.complete(actor, id, body == null ? null : body.mileageKm(), body == null ? null : body.notes());
    }

    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/cancel")
    public Appointment cancel(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return appointments.cancel(actor, id);
    }
}
