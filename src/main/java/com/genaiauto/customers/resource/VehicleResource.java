package com.genaiauto.customers.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.VehicleService;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Vehicles and their service history. */
@Path("/api/v1/vehicles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class VehicleResource {

    private final VehicleService vehicles;

    public VehicleResource(VehicleService vehicles) {
        this.vehicles = vehicles;
    }

    @GET
    public Page<Vehicle> list(@Auth AuthenticatedUser actor, @QueryParam("customerId") UUID customerId,
                              @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return vehicles.list(actor, customerId, PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Vehicle.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    public Response add(@Auth AuthenticatedUser actor, @Valid @NotNull CustomerRequests.NewVehicle body) {
        Vehicle created = vehicles.add(actor, new VehicleService.NewVehicle(body.customerId(), Parsing.vin(body.vin()),
                body.make().trim(), body.model().trim(), body.modelYear(), body.powertrain(),
                body.mileageKm() == null ? 0 : body.mileageKm(), body.licensePlate()));
        return Response.status(201).entity(created).build();
    }

    /** Staff: claims of VINs that more than one customer has claimed ({@code ?vin=} for one VIN). */
    @GET
    @Path("/contested")
    public Page<Vehicle> contested(@Auth AuthenticatedUser actor, @QueryParam("vin") String vin,
                                   @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return vehicles.contested(actor, vin == null || vin.isBlank() ? null : Parsing.vin(vin),
                PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "200", description = "The claim, now the VIN's verified one",
            content = @Content(schema = @Schema(implementation = Vehicle.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/ownership-verification")
    public Vehicle verifyOwnership(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return vehicles.verifyOwnership(actor, id);
    }

    @GET
    @Path("/{id}")
    public Vehicle get(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return vehicles.get(actor, id);
    }

    @PATCH
    @Path("/{id}")
    public Vehicle update(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                          @Valid @NotNull CustomerRequests.VehicleUpdate body) {
        return vehicles.update(actor, id, body.mileageKm(), body.licensePlate());
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("/{id}")
    public Response delete(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        vehicles.delete(actor, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/service-history")
    public Page<ServiceRecord> history(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                                       @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return vehicles.history(actor, id, PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ServiceRecord.class)))
    @POST
    @Path("/{id}/service-history")
    public Response addHistory(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                               @Valid @NotNull CustomerRequests.NewServiceRecord body) {
        ServiceRecord created = vehicles.addServiceRecord(actor, id, new VehicleService.NewServiceRecord(
                body.serviceDate(), body.serviceType(), body.description(), body.mileageKm(), body.dealer(),
                body.cost(), body.currency()));
        return Response.status(201).entity(created).build();
    }
}
