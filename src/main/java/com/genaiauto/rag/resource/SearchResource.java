package com.genaiauto.rag.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
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

/** Hybrid search over the knowledge base, for any signed-in user (the manuals are not secret). */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class SearchResource {

    private static final int DEFAULT_TOP_K = 5;

    private final HybridSearch search;

    public SearchResource(HybridSearch search) {
        this.search = search;
    }

    @POST
    public SearchResults search(@Auth AuthenticatedUser user, @Valid @NotNull RagRequests.Search body) {
        RagRequests.Filters filters = body.filters();
        SearchFilters applied = filters == null ? SearchFilters.NONE
                : new SearchFilters(filters.type(), filters.make(), filters.model(), filters.year());
        return search.search(body.query(), applied, body.mode() == null ? SearchMode.HYBRID : body.mode(),
                body.topK() == null ? DEFAULT_TOP_K : body.topK());
    }
}
