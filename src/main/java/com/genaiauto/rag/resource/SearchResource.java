package com.genaiauto.rag.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.model.SearchResults;
import com.genaiauto.rag.service.HybridSearch;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Hybrid search over the knowledge base, for any signed-in user (the manuals are not secret). A
 * vehicle owner's search is about their car: {@code vehicleId} names one of theirs, and with no
 * vehicle and no filter a customer with one vehicle searches that vehicle's documents and the
 * general ones. The response says which filters applied.
 */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class SearchResource {

    private static final int DEFAULT_TOP_K = 5;

    private final HybridSearch search;
    private final CustomerTools customers;

    public SearchResource(HybridSearch search, CustomerTools customers) {
        this.search = search;
        this.customers = customers;
    }

    @POST
    public SearchResults search(@Auth AuthenticatedUser user, @Valid @NotNull RagRequests.Search body) {
        RagRequests.Filters filters = body.filters();
        SearchFilters applied = filters == null ? SearchFilters.NONE
                : new SearchFilters(filters.type(), filters.make(), filters.model(), filters.year());
        if (body.vehicleId() != null || (applied.make() == null && applied.model() == null && applied.year() == null
                && user.role() == Role.CUSTOMER)) {
            List<Vehicle> own = customers.vehicles(user);
            Vehicle vehicle = body.vehicleId() == null ? (own.size() == 1 ? own.get(0) : null)
                    : own.stream().filter(v -> v.id().equals(body.vehicleId())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException("vehicle not found"));
            if (vehicle != null) {
                applied = new SearchFilters(applied.type(), vehicle.make(), vehicle.model(), vehicle.modelYear());
            }
        }
        return search.search(body.query(), applied, body.mode() == null ? SearchMode.HYBRID : body.mode(),
                body.topK() == null ? DEFAULT_TOP_K : body.topK());
    }
}
