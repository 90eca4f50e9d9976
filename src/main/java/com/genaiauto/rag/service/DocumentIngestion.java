package com.genaiauto.rag.service;

import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.PayloadTooLargeException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.errors.UnsupportedMediaException;
import com.genaiauto.rag.dao.ChunkDao;
import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.dao.DocumentDao;
import com.genaiauto.rag.dao.StagedChunkDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.DocumentMetadata;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.model.IngestionResult.Outcome;
import com.genaiauto.rag.model.KnowledgeDocument;
import com.genaiauto.rag.model.VehicleOrigin;
import com.genaiauto.rag.parse.AnswerUnits;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.parse.DocumentFormats;
import com.genaiauto.rag.parse.ParsedDocument;
import com.genaiauto.rag.parse.UnreadableDocumentException;
import com.genaiauto.rag.service.IngestionRun.Published;
import com.genaiauto.rag.tagging.DocumentTagger;
import com.genaiauto.rag.tagging.DocumentTypes;
import com.pgvector.PGvector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload → parse → chunk → embed → publish, for one run of an ingestion job. Chunks are embedded
 * a batch at a time and handed to the run, which keeps them out of sight; the document row and
 * all its chunks then appear in one transaction, so a failed upload leaves nothing behind and a
 * replaced document is never seen half old, half new.
 */
public final class DocumentIngestion {

    /** Chunks embedded per batch: progress is reported, and vectors are let go, this often. */
    static final int BATCH_CHUNKS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(DocumentIngestion.class);

    private final Jdbi jdbi;
    private final Embedder embedder;
    private final Chunker chunker;
    private final long maxBytes;
    private final int maxChunks;
    private final AuditLog audit;
    private final DocumentTagger tagger;
    private final Runnable changed;

    /** {@code changed} runs after the knowledge base's content changed (new, replaced or deleted chunks). */
    public DocumentIngestion(Jdbi jdbi, Embedder embedder, Chunker chunker, long maxBytes, int maxChunks,
                             AuditLog audit, DocumentTagger tagger, Runnable changed) {
        this.jdbi = jdbi;
        this.embedder = embedder;
        this.chunker = chunker;
        this.maxBytes = maxBytes;
        this.maxChunks = maxChunks;
        this.audit = audit;
        this.tagger = tagger;
        this.changed = changed;
    }

    public String embeddingModel() {
        return embedder.model();
    }

    /**
     * What can be refused before an upload is queued, at no cost: no bytes, too many, a format
     * that cannot be read, metadata out of range. Returns the media type the file is read as.
     */
    public String check(Upload upload) {
        if (upload.content() == null || upload.content().length == 0) {
            throw new UnprocessableException("the document is empty",
                    Map.of("fields", List.of(Map.of("field", "content", "message", "must not be empty"))));
        }
        if (upload.content().length > maxBytes) {
            throw new PayloadTooLargeException("documents may be at most " + maxBytes + " bytes", maxBytes);
        }
        String mediaType = DocumentFormats.resolve(upload.contentType(), upload.fileName())
                .orElseThrow(() -> new UnsupportedMediaException(
                        "cannot read " + (upload.contentType() == null ? "this file" : upload.contentType())
                                + "; upload Markdown, plain text, HTML, PDF or DOCX", DocumentFormats.supported()));
        // The title may come from the file: checked when the job reads it. The rest is checked now.
        String title = upload.title() == null || upload.title().isBlank() ? "untitled" : upload.title();
        new DocumentMetadata(title, upload.type(), upload.sourceName(), upload.make(), upload.model(),
                upload.yearFrom(), upload.yearTo());
        return mediaType;
    }

    /** Ingests an upload that passed {@link #check}; failures are domain exceptions with a safe message. */
    public IngestionResult run(Upload upload, String mediaType, IngestionRun run) {
        String hash = sha256(upload.content());
        ParsedDocument parsed = parse(mediaType, upload.content());
        String title = titleOf(upload, parsed);
        String sourceName = upload.sourceName() != null && !upload.sourceName().isBlank() ? upload.sourceName()
                : upload.fileName();
        DocumentType type = typeOf(upload, parsed, title);
        new DocumentMetadata(title, type, sourceName, upload.make(), upload.model(), upload.yearFrom(), upload.yearTo());
        Optional<TaggedVehicle> declared = TaggedVehicle.declared(upload, parsed);

        Optional<KnowledgeDocument> sameContent = jdbi.onDemand(DocumentDao.class).findByHash(hash);
        if (sameContent.isPresent()) {
            Published published = run.publish(handle -> unchanged(handle, sameContent.get(),
                    declared.map(vehicle -> vehicle.describe(title, type, sourceName)).orElse(null), title, type,
                    sourceName, upload));
            return result(published);
        }
        List<Chunk> chunks = chunker.chunk(title, parsed.blocks());
        if (chunks.isEmpty()) {
            throw new EmptyDocumentException();
        }
        if (chunks.size() > maxChunks) {
            throw new TooManyChunksException(chunks.size(), maxChunks);
        }
        TaggedVehicle vehicle = declared.orElseGet(() -> inferredVehicle(title, sourceName, chunks));
        DocumentMetadata metadata = vehicle.describe(title, type, sourceName);
        run.chunked(chunks.size());
        for (int from = 0; from < chunks.size(); from += BATCH_CHUNKS) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("ingestion stopped");
            }
            embed(chunks.subList(from, Math.min(chunks.size(), from + BATCH_CHUNKS)), run);
        }
        IngestionResult result = result(publish(run, metadata, vehicle, mediaType, hash, chunks.size(), upload));
        audit.record(AuditEvent.of("document." + result.outcome().wire()).by(upload.uploadedBy())
                .byLabel(upload.uploadedBy() == null ? "system" : null)
                .on("document", result.document().id())
                .with(Map.of("sourceName", metadata.sourceName(), "chunks", chunks.size())));
        LOG.info("Document {} {} with {} chunks", result.document().id(), result.outcome().wire(), chunks.size());
        changed.run();
        return result;
    }

    /** One batch through the model, chunks and their answer units in one call (every embedding worker stays busy). */
    private void embed(List<Chunk> batch, IngestionRun run) {
        List<UUID> ids = batch.stream().map(chunk -> UUID.randomUUID()).toList();
        List<ChunkUnitDao.UnitRow> units = new ArrayList<>();
        List<String> texts = new ArrayList<>(batch.stream().map(Chunk::embeddingText).toList());
        for (int c = 0; c < batch.size(); c++) {
            String heading = Chunk.lastHeading(batch.get(c).section());
            int ordinal = 0;
            for (AnswerUnits.Draft unit : AnswerUnits.split(batch.get(c).content())) {
                units.add(new ChunkUnitDao.UnitRow(ids.get(c), ordinal++, unit.kind().wire(), unit.text(),
                        unit.context(), null, embedder.model()));
                texts.add(AnswerUnit.embeddingText(heading, unit.kind(), unit.text(), unit.context()));
            }
        }
        List<float[]> vectors = embedder.embedPassages(texts);
        List<StagedChunkDao.ChunkRow> chunkRows = new ArrayList<>(batch.size());
        for (int c = 0; c < batch.size(); c++) {
            Chunk chunk = batch.get(c);
            chunkRows.add(new StagedChunkDao.ChunkRow(chunk.index(), ids.get(c), chunk.section(), chunk.content(),
                    chunk.tokenCount(), new PGvector(vectors.get(c))));
        }
        List<ChunkUnitDao.UnitRow> unitRows = new ArrayList<>(units.size());
        for (int u = 0; u < units.size(); u++) {
            ChunkUnitDao.UnitRow unit = units.get(u);
            unitRows.add(new ChunkUnitDao.UnitRow(unit.chunkId(), unit.ordinal(), unit.kind(), unit.text(),
                    unit.context(), new PGvector(vectors.get(batch.size() + u)), unit.embeddingModel()));
        }
        run.embedded(chunkRows, unitRows);
    }

    private Published publish(IngestionRun run, DocumentMetadata metadata, TaggedVehicle vehicle, String mediaType,
                              String hash, int chunkCount, Upload upload) {
        try {
            return run.publish(handle -> write(handle, metadata, vehicle, mediaType, hash, chunkCount, upload));
        } catch (RuntimeException e) {
            if (!SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw e;
            }
            // Identical content published meanwhile under another name: the upload finds it. Or a
            // document of this name published meanwhile: this version replaces it.
            Optional<KnowledgeDocument> identical = jdbi.onDemand(DocumentDao.class).findByHash(hash);
            if (identical.isPresent()) {
                return run.publish(handle -> new Published(identical.get().id(), Outcome.UNCHANGED, false));
            }
            return run.publish(handle -> write(handle, metadata, vehicle, mediaType, hash, chunkCount, upload));
        }
    }

    /** The document row of a new version; the caller's transaction then moves its chunks in. */
    private Published write(Handle handle, DocumentMetadata metadata, TaggedVehicle vehicle, String mediaType,
                            String hash, int chunkCount, Upload upload) {
        DocumentDao documents = handle.attach(DocumentDao.class);
        Optional<KnowledgeDocument> existing = documents.lockBySourceName(metadata.sourceName());
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            documents.insert(id, metadata.title(), metadata.type().wire(), metadata.sourceName(), mediaType, hash,
                    metadata.make(), metadata.model(), metadata.yearFrom(), metadata.yearTo(), vehicle.origin().wire(),
                    chunkCount, upload.content().length, embedder.model(), upload.uploadedBy());
            return new Published(id, Outcome.CREATED, true);
        }
        UUID id = existing.get().id();
        // A new version that says nothing of its vehicle keeps what a person said of the old one.
        TaggedVehicle kept = vehicle.origin().revisable() && !existing.get().vehicleOrigin().revisable()
                ? TaggedVehicle.of(existing.get()) : vehicle;
        handle.attach(ChunkDao.class).deleteForDocument(id);
        documents.replace(id, metadata.title(), metadata.type().wire(), mediaType, hash, kept.make(), kept.model(),
                kept.yearFrom(), kept.yearTo(), kept.origin().wire(), chunkCount, upload.content().length,
                embedder.model(), upload.uploadedBy());
        return new Published(id, Outcome.UPDATED, true);
    }

    private IngestionResult result(Published published) {
        return new IngestionResult(published.outcome(),
                jdbi.onDemand(DocumentDao.class).findById(published.documentId()).orElseThrow());
    }

    /**
     * Identical bytes are never embedded twice; metadata corrections on the same name still apply.
     * {@code declared} is null when the upload says nothing of the vehicle: the document keeps the
     * vehicle it has (inferred or set by an administrator).
     */
    private static Published unchanged(Handle handle, KnowledgeDocument document, DocumentMetadata declared,
                                       String title, DocumentType type, String sourceName, Upload upload) {
        if (!document.sourceName().equals(sourceName)) {
            return new Published(document.id(), Outcome.UNCHANGED, false);
        }
        if (declared != null && document.vehicleOrigin() == VehicleOrigin.ADMIN
                && TaggedVehicle.declaredOrigin(upload) == VehicleOrigin.FRONT_MATTER) {
            // An administrator's correction outranks what the file says of itself.
            declared = null;
        }
        boolean vehicleDiffers = declared != null && (!Objects.equals(document.make(), declared.make())
                || !Objects.equals(document.model(), declared.model())
                || !Objects.equals(document.yearFrom(), declared.yearFrom())
                || !Objects.equals(document.yearTo(), declared.yearTo()));
        if (document.title().equals(title) && document.docType() == type && !vehicleDiffers) {
            return new Published(document.id(), Outcome.UNCHANGED, false);
        }
        DocumentMetadata vehicle = declared != null ? declared : new DocumentMetadata(title, type, sourceName,
                document.make(), document.model(), document.yearFrom(), document.yearTo());
        VehicleOrigin origin = declared != null ? TaggedVehicle.declaredOrigin(upload) : document.vehicleOrigin();
        handle.attach(DocumentDao.class).replace(document.id(), title, type.wire(), document.contentType(),
                document.contentHash(), vehicle.make(), vehicle.model(), vehicle.yearFrom(), vehicle.yearTo(),
                origin.wire(), document.chunkCount(), document.sizeBytes(), document.embeddingModel(),
                upload.uploadedBy());
        return new Published(document.id(), Outcome.UPDATED, false);
    }

    private TaggedVehicle inferredVehicle(String title, String sourceName, List<Chunk> chunks) {
        return tagger.infer(title, sourceName, chunks.stream().map(Chunk::embeddingText).toList())
                .map(found -> new TaggedVehicle(found.make(), found.model(), found.yearFrom(), found.yearTo(),
                        VehicleOrigin.INFERRED))
                .orElse(TaggedVehicle.NONE);
    }

    private static DocumentType typeOf(Upload upload, ParsedDocument parsed, String title) {
        if (upload.type() != null) {
            return upload.type();
        }
        String declared = parsed.frontMatter().type();
        if (declared != null) {
            try {
                return DocumentType.fromWire(declared);
            } catch (UnprocessableException unknownType) {
                // A type this service does not know: judged from the title like an undeclared one.
            }
        }
        return DocumentTypes.infer(title, upload.fileName());
    }

    public void delete(UUID id, UUID actor) {
        int removed = jdbi.withHandle(handle -> handle.attach(DocumentDao.class).delete(id));
        if (removed == 0) {
            throw new ResourceNotFoundException("document not found");
        }
        audit.record(AuditEvent.of("document.deleted").by(actor).on("document", id));
        changed.run();
    }

    private static ParsedDocument parse(String mediaType, byte[] content) {
        try {
            ParsedDocument parsed = DocumentFormats.parserFor(mediaType).parse(content);
            if (parsed.characterCount() == 0) {
                throw new EmptyDocumentException();
            }
            return parsed;
        } catch (UnreadableDocumentException e) {
            throw new UnreadableUploadException(e.getMessage(), mediaType);
        }
    }

    private static String titleOf(Upload upload, ParsedDocument parsed) {
        if (upload.title() != null && !upload.title().isBlank()) {
            return upload.title();
        }
        if (parsed.detectedTitle() != null) {
            return parsed.detectedTitle();
        }
        if (upload.fileName() != null && !upload.fileName().isBlank()) {
            String name = upload.fileName();
            return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        }
        return null;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
