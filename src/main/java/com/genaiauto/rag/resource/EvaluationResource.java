package com.genaiauto.rag.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.model.EvalRun;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.service.RetrievalEvaluation;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Retrieval evaluation runs for operators: start (bundled or uploaded set), list, read, compare. */
@Path("/api/v1/admin/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class EvaluationResource {

    private final RetrievalEvaluation evaluation;

    public EvaluationResource(RetrievalEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @ApiResponse(responseCode = "202", description = "Started; poll the run for its results",
            content = @Content(schema = @Schema(implementation = EvalRun.class)))
    @POST
    public Response start(@Auth AuthenticatedUser admin, @Valid RagRequests.StartEvaluation body) {
        RagRequests.StartEvaluation request = body == null ? new RagRequests.StartEvaluation(null, null, null, null) : body;
        EvalRun run = evaluation.startRun(request.questions(), request.dataset(),
                request.mode() == null ? SearchMode.HYBRID : request.mode(),
                request.topK() == null ? 5 : request.topK(), admin.userId());
        return Response.accepted(run).build();
    }

    @GET
    public Page<EvalRun> list(@Auth AuthenticatedUser admin, @QueryParam("limit") Integer limit,
                              @QueryParam("offset") Integer offset) {
        return evaluation.list(PageRequest.of(limit, offset));
    }

    @GET
    @Path("/compare")
    public RetrievalEvaluation.Comparison compare(@Auth AuthenticatedUser admin, @QueryParam("base") UUID base,
                                                  @QueryParam("candidate") UUID candidate) {
        if (base == null || candidate == null) {
            throw new UnprocessableException("pass base=<run id>&candidate=<run id>");
        }
        return evaluation.compare(base, candidate);
    }

    @GET
    @Path("/{id}")
    public RetrievalEvaluation.RunDetail get(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        return evaluation.get(id);
    }
}
