package com.genaiauto.rag.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.platform.errors.PayloadTooLargeException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.platform.web.CleanText;
import com.genaiauto.rag.model.DocumentList;
import com.genaiauto.rag.model.DocumentMetadata;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.ingest.IngestionJobs;
import com.genaiauto.rag.model.IngestionJob;
import com.genaiauto.rag.model.KnowledgeDocument;
import com.genaiauto.rag.service.DocumentCatalog;
import com.genaiauto.rag.service.DocumentIngestion;
import com.genaiauto.rag.service.Upload;
import com.genaiauto.rag.tagging.DocumentTagger;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The knowledge base's documents: upload (file or text; answered at once with the ingestion job,
 * 202), list with statistics, read, delete. Admins only.
 */
@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class DocumentResource {

    private final IngestionJobs jobs;
    private final DocumentIngestion ingestion;
    private final DocumentCatalog catalog;
    private final DocumentTagger tagger;
    private final long maxBytes;

    public DocumentResource(IngestionJobs jobs, DocumentIngestion ingestion, DocumentCatalog catalog,
                            DocumentTagger tagger, long maxBytes) {
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.catalog = catalog;
        this.tagger = tagger;
        this.maxBytes = maxBytes;
    }

    @ApiResponse(responseCode = "202", description = "Accepted as an ingestion job; follow it at the Location",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(types = "string")),
            content = @Content(schema = @Schema(implementation = IngestionJob.class)))
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@Auth AuthenticatedUser admin, @FormDataParam("file") FormDataBodyPart file,
                           @FormDataParam("title") String title, @FormDataParam("type") String type,
                           @FormDataParam("sourceName") String sourceName, @FormDataParam("make") String make,
                           @FormDataParam("model") String model, @FormDataParam("yearFrom") String yearFrom,
                           @FormDataParam("yearTo") String yearTo) {
        if (file == null) {
            throw new UnprocessableException("a multipart upload needs a part named 'file'");
        }
        for (String[] field : new String[][] {{"title", title}, {"type", type}, {"sourceName", sourceName},
                {"make", make}, {"model", model}}) {
            CleanText.require(field[1], field[0]);
        }
        byte[] content = readLimited(file.getValueAs(InputStream.class));
        String fileName = CleanText.require(
                file.getContentDisposition() == null ? null : file.getContentDisposition().getFileName(), "file name");
        String contentType = file.getMediaType() == null ? null : file.getMediaType().toString();
        return accepted(jobs.submit(new Upload(content, contentType, fileName, title, DocumentType.fromWire(type),
                sourceName, make, model, year("yearFrom", yearFrom), year("yearTo", yearTo), admin.userId())));
    }

    @ApiResponse(responseCode = "202", description = "Accepted as an ingestion job; follow it at the Location",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(types = "string")),
            content = @Content(schema = @Schema(implementation = IngestionJob.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response uploadText(@Auth AuthenticatedUser admin, @Valid @NotNull RagRequests.TextDocument body) {
        String contentType = body.contentType() == null ? "text/plain" : body.contentType();
        byte[] content = body.content().getBytes(StandardCharsets.UTF_8);
        return accepted(jobs.submit(new Upload(content, contentType, null, body.title(), body.type(),
                body.sourceName(), body.make(), body.model(), body.yearFrom(), body.yearTo(), admin.userId())));
    }

    @GET
    public DocumentList list(@Auth AuthenticatedUser admin, @QueryParam("type") String type,
                             @QueryParam("model") String model, @QueryParam("limit") Integer limit,
                             @QueryParam("offset") Integer offset) {
        return catalog.list(DocumentType.fromWire(type), model, PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    public KnowledgeDocument get(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        return catalog.get(id).orElseThrow(() -> new ResourceNotFoundException("document not found"));
    }

    /**
     * Sets which vehicle a document is about (make, model, years; all empty makes it general). It
     * stands until cleared: inference never overrides it.
     */
    @PUT
    @Path("/{id}/vehicle")
    @Consumes(MediaType.APPLICATION_JSON)
    public KnowledgeDocument setVehicle(@Auth AuthenticatedUser admin, @PathParam("id") UUID id,
                                        @Valid @NotNull RagRequests.DocumentVehicle body) {
        KnowledgeDocument document = get(admin, id);
        DocumentMetadata checked = new DocumentMetadata(document.title(), document.docType(), document.sourceName(),
                body.make(), body.model(), body.yearFrom(), body.yearTo());
        tagger.set(id, checked.make(), checked.model(), checked.yearFrom(), checked.yearTo(), admin.userId());
        return get(admin, id);
    }

    /** Hands the document's vehicle back to inference, which reads the document again at once. */
    @DELETE
    @Path("/{id}/vehicle")
    public KnowledgeDocument clearVehicle(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        get(admin, id);
        tagger.clear(id, admin.userId());
        return get(admin, id);
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("/{id}")
    public Response delete(@Auth AuthenticatedUser admin, @PathParam("id") UUID id) {
        ingestion.delete(id, admin.userId());
        return Response.noContent().build();
    }

    /** The job is queued: its address tells how far it got ({@code /events} streams it). */
    private static Response accepted(IngestionJob job) {
        return Response.accepted(job).header(HttpHeaders.LOCATION, IngestionJobResource.PATH + "/" + job.id()).build();
    }

    private byte[] readLimited(InputStream stream) {
        try (InputStream in = stream) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new PayloadTooLargeException("documents may be at most " + maxBytes + " bytes", maxBytes);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer year(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new UnprocessableException(field + " must be a year");
        }
    }
}
