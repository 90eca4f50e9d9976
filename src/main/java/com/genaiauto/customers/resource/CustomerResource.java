package com.genaiauto.customers.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.Customer;
import com.genaiauto.customers.service.CustomerProfiles;
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
import jakarta.validation.constraints.Size;
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

/** Customer profiles: owners see their own, agents all, admins change all. */
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class CustomerResource {

    private final CustomerProfiles profiles;

    public CustomerResource(CustomerProfiles profiles) {
        this.profiles = profiles;
    }

    @GET
    public Page<Customer> list(@Auth AuthenticatedUser actor, @QueryParam("q") @Size(max = 100) String query,
                               @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return profiles.list(actor, query, PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Customer.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    public Response create(@Auth AuthenticatedUser actor, @Valid @NotNull CustomerRequests.NewCustomer body) {
        Customer created = profiles.create(actor, new CustomerProfiles.NewCustomer(body.fullName().trim(),
                body.email(), body.phone(), body.preferredDealer(), body.userId()));
        return Response.status(201).entity(created).build();
    }

    @GET
    @Path("/me")
    public Customer mine(@Auth AuthenticatedUser actor) {
        return profiles.mine(actor);
    }

    @GET
    @Path("/{id}")
    public Customer get(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        return profiles.get(actor, id);
    }

    @ApiResponse(responseCode = "200", description = "The customer as changed")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @PATCH
    @Path("/{id}")
    public Customer update(@Auth AuthenticatedUser actor, @PathParam("id") UUID id,
                           @Valid @NotNull CustomerRequests.CustomerUpdate body) {
        return profiles.update(actor, id, new CustomerProfiles.CustomerUpdate(body.fullName(), body.email(),
                body.phone(), body.preferredDealer()));
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("/{id}")
    public Response delete(@Auth AuthenticatedUser actor, @PathParam("id") UUID id) {
        profiles.delete(actor, id);
        return Response.noContent().build();
    }
}
