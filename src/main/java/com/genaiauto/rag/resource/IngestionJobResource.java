package com.genaiauto.rag.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.ingest.IngestionJobs;
import com.genaiauto.rag.model.IngestionJob;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Upload jobs: recent ones, one, and one's progress as Server-Sent Events. Progress is read from
 * the database, so any replica serves the stream of a job another replica runs.
 */
@Path(IngestionJobResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class IngestionJobResource {

    public static final String PATH = "/api/v1/documents/jobs";
    /** A job's row is read this often while it is streamed (one primary-key lookup). */
    static final Duration POLL = Duration.ofMillis(400);
    /** A comment line this often keeps proxies from closing a quiet stream (a job waiting in the queue). */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final IngestionJobs jobs;
    private final ObjectMapper json;

    public IngestionJobResource(IngestionJobs jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /** Newest first. */
    @GET
    public Page<IngestionJob> list(@Auth AuthenticatedUser admin, @QueryParam("limit") Integer limit,
                                   @QueryParam("offset") Integer offset) {
        return jobs.list(PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    public IngestionJob get(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        return jobs.find(id).orElseThrow(() -> new ResourceNotFoundException("ingestion job not found"));
    }

    /**
     * {@code event: progress} with the job on every change, ending after {@code done} or
     * {@code failed}. The first event is the job as it is now.
     */
    @ApiResponse(responseCode = "200", description = "`event: progress` with `data:` the job (`IngestionJob`) as"
            + " it changes, until it is done or failed; `:` comment lines keep a quiet stream open",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(types = "string")))
    @GET
    @Path("/{id}/events")
    @Produces("text/event-stream")
    public Response events(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        IngestionJob current = get(admin, id);
        StreamingOutput stream = output -> follow(current, output);
        return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private void follow(IngestionJob first, OutputStream output) {
        IngestionJob job = first;
        IngestionJob sent = null;
        long quietSince = System.nanoTime();
        try {
            while (true) {
                if (!job.equals(sent)) {
                    write(output, "event: progress\ndata: " + json.writeValueAsString(job) + "\n\n");
                    sent = job;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > KEEP_ALIVE.toNanos()) {
                    write(output, ": waiting\n\n");
                    quietSince = System.nanoTime();
                }
                if (job.status().finished()) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
                Optional<IngestionJob> next = reread(job);
                if (next.isEmpty()) {
                    return;
                }
                job = next.get();
            }
        } catch (IOException clientGone) {
            // Nothing to do: the job runs on without its watcher.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job as it is now (empty once housekeeping removed it); as it was while the database does not answer. */
    private Optional<IngestionJob> reread(IngestionJob job) {
        try {
            return jobs.find(job.id());
        } catch (RuntimeException databaseAway) {
            return Optional.of(job);
        }
    }

    private static void write(OutputStream output, String frame) throws IOException {
        output.write(frame.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
