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
import com.genaiauto.rag.parse.FrontMatter;
import com.genaiauto.rag.parse.ParsedDocument;
import com.genaiauto.rag.parse.UnreadableDocumentException;
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
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload → parse → chunk → embed → store. Parsing and embedding happen before any write, and the
 * document row and all its chunks are written in one transaction, so a failed upload leaves
 * nothing behind and a replaced document is never seen half old, half new.
 */
public final class DocumentIngestion {

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

    public IngestionResult ingest(Upload upload) {
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
        String hash = sha256(upload.content());
        ParsedDocument parsed = parse(mediaType, upload.content());
        String title = titleOf(upload, parsed);
        String sourceName = upload.sourceName() != null && !upload.sourceName().isBlank() ? upload.sourceName()
                : upload.fileName();
        DocumentType type = typeOf(upload, parsed, title);
        // Validated before the expensive steps: a bad title or year range fails at once.
        new DocumentMetadata(title, type, sourceName, upload.make(), upload.model(), upload.yearFrom(), upload.yearTo());

        Optional<KnowledgeDocument> sameContent = jdbi.onDemand(DocumentDao.class).findByHash(hash);
        if (sameContent.isPresent()) {
            return unchanged(sameContent.get(), declaredVehicle(upload, parsed)
                    .map(vehicle -> vehicle.describe(title, type, sourceName))
                    .orElse(null), title, type, sourceName, upload);
        }
        List<Chunk> chunks = chunker.chunk(title, parsed.blocks());
        if (chunks.isEmpty()) {
            throw new UnprocessableException("the document has no text to index");
        }
        if (chunks.size() > maxChunks) {
            throw new UnprocessableException("the document makes " + chunks.size() + " chunks; at most "
                    + maxChunks + " are allowed per document; split it into several documents");
        }
        TaggedVehicle vehicle = declaredVehicle(upload, parsed).orElseGet(() -> inferredVehicle(title, sourceName, chunks));
        DocumentMetadata metadata = vehicle.describe(title, type, sourceName);
        List<UUID> chunkIds = chunks.stream().map(chunk -> UUID.randomUUID()).toList();
        List<ChunkUnitDao.UnitRow> units = new ArrayList<>();
        List<String> unitTexts = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            String heading = Chunk.lastHeading(chunks.get(c).section());
            int ordinal = 0;
            for (AnswerUnits.Draft unit : AnswerUnits.split(chunks.get(c).content())) {
                units.add(new ChunkUnitDao.UnitRow(chunkIds.get(c), ordinal++, unit.kind().wire(), unit.text(),
                        unit.context(), null, embedder.model()));
                unitTexts.add(AnswerUnit.embeddingText(heading, unit.kind(), unit.text(), unit.context()));
            }
        }
        // One call for chunks and units keeps every embedding worker busy to the end.
        List<String> texts = new ArrayList<>(chunks.stream().map(Chunk::embeddingText).toList());
        texts.addAll(unitTexts);
        List<float[]> embedded = embedder.embedPassages(texts);
        List<float[]> vectors = embedded.subList(0, chunks.size());
        List<ChunkUnitDao.UnitRow> embeddedUnits = IntStream.range(0, units.size()).mapToObj(i -> {
            ChunkUnitDao.UnitRow unit = units.get(i);
            return new ChunkUnitDao.UnitRow(unit.chunkId(), unit.ordinal(), unit.kind(), unit.text(), unit.context(),
                    new PGvector(embedded.get(chunks.size() + i)), unit.embeddingModel());
        }).toList();
        try {
            IngestionResult result = jdbi.inTransaction(handle -> {
                DocumentDao documents = handle.attach(DocumentDao.class);
                ChunkDao chunkDao = handle.attach(ChunkDao.class);
                Optional<KnowledgeDocument> existing = documents.lockBySourceName(metadata.sourceName());
                UUID id = existing.map(KnowledgeDocument::id).orElseGet(UUID::randomUUID);
                if (existing.isPresent()) {
                    // A new version that says nothing of its vehicle keeps what a person said of the old one.
                    TaggedVehicle kept = vehicle.origin().revisable() && !existing.get().vehicleOrigin().revisable()
                            ? TaggedVehicle.of(existing.get()) : vehicle;
                    chunkDao.deleteForDocument(id);
                    documents.replace(id, metadata.title(), metadata.type().wire(), mediaType, hash, kept.make(),
                            kept.model(), kept.yearFrom(), kept.yearTo(), kept.origin().wire(),
                            chunks.size(), upload.content().length, embedder.model(), upload.uploadedBy());
                } else {
                    documents.insert(id, metadata.title(), metadata.type().wire(), metadata.sourceName(), mediaType,
                            hash, metadata.make(), metadata.model(), metadata.yearFrom(), metadata.yearTo(),
                            vehicle.origin().wire(), chunks.size(), upload.content().length, embedder.model(),
                            upload.uploadedBy());
                }
                chunkDao.insertAll(chunkIds, id,
                        chunks.stream().map(Chunk::index).toList(), chunks.stream().map(Chunk::section).toList(),
                        chunks.stream().map(Chunk::content).toList(), chunks.stream().map(Chunk::tokenCount).toList(),
                        IntStream.range(0, vectors.size()).mapToObj(i -> new PGvector(vectors.get(i))).toList(),
                        embedder.model());
                handle.attach(ChunkUnitDao.class).insertAll(embeddedUnits);
                return new IngestionResult(existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED,
                        documents.findById(id).orElseThrow());
            });
            audit.record(AuditEvent.of("document." + result.outcome().wire()).by(upload.uploadedBy())
                    .byLabel(upload.uploadedBy() == null ? "system" : null)
                    .on("document", result.document().id())
                    .with(Map.of("sourceName", metadata.sourceName(), "chunks", chunks.size())));
            LOG.info("Document {} {} with {} chunks", result.document().id(), result.outcome().wire(), chunks.size());
            changed.run();
            return result;
        } catch (RuntimeException e) {
            // Two uploads of identical content under different names: the second finds the first.
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                return jdbi.onDemand(DocumentDao.class).findByHash(hash)
                        .map(document -> new IngestionResult(Outcome.UNCHANGED, document))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * Identical bytes are never embedded twice; metadata corrections on the same name still apply.
     * {@code declared} is null when the upload says nothing of the vehicle: the document keeps the
     * vehicle it has (inferred or set by an administrator).
     */
    private IngestionResult unchanged(KnowledgeDocument document, DocumentMetadata declared, String title,
                                      DocumentType type, String sourceName, Upload upload) {
        if (!document.sourceName().equals(sourceName)) {
            return new IngestionResult(Outcome.UNCHANGED, document);
        }
        if (declared != null && document.vehicleOrigin() == VehicleOrigin.ADMIN && declaredOrigin(upload) == VehicleOrigin.FRONT_MATTER) {
            // An administrator's correction outranks what the file says of itself.
            declared = null;
        }
        boolean vehicleDiffers = declared != null && (!Objects.equals(document.make(), declared.make())
                || !Objects.equals(document.model(), declared.model())
                || !Objects.equals(document.yearFrom(), declared.yearFrom())
                || !Objects.equals(document.yearTo(), declared.yearTo()));
        if (!document.title().equals(title) || document.docType() != type || vehicleDiffers) {
            DocumentMetadata vehicle = declared != null ? declared : new DocumentMetadata(title, type, sourceName,
                    document.make(), document.model(), document.yearFrom(), document.yearTo());
            VehicleOrigin origin = declared != null ? declaredOrigin(upload) : document.vehicleOrigin();
            jdbi.useHandle(handle -> handle.attach(DocumentDao.class).replace(document.id(), title, type.wire(),
                    document.contentType(), document.contentHash(), vehicle.make(), vehicle.model(), vehicle.yearFrom(),
                    vehicle.yearTo(), origin.wire(), document.chunkCount(), document.sizeBytes(),
                    document.embeddingModel(), upload.uploadedBy()));
            return new IngestionResult(Outcome.UPDATED, jdbi.onDemand(DocumentDao.class).findById(document.id()).orElseThrow());
        }
        return new IngestionResult(Outcome.UNCHANGED, document);
    }

    /** A document's vehicle and where it came from. */
    private record TaggedVehicle(String make, String model, Integer yearFrom, Integer yearTo, VehicleOrigin origin) {

        static TaggedVehicle of(KnowledgeDocument document) {
            return new TaggedVehicle(document.make(), document.model(), document.yearFrom(), document.yearTo(),
                    document.vehicleOrigin());
        }

        DocumentMetadata describe(String title, DocumentType type, String sourceName) {
            return new DocumentMetadata(title, type, sourceName, make, model, yearFrom, yearTo);
        }
    }

    /** What the uploader or the file's front matter says of the vehicle, if anything. */
    private static Optional<TaggedVehicle> declaredVehicle(Upload upload, ParsedDocument parsed) {
        if (upload.make() != null || upload.model() != null || upload.yearFrom() != null || upload.yearTo() != null) {
            return Optional.of(new TaggedVehicle(upload.make(), upload.model(), upload.yearFrom(), upload.yearTo(),
                    VehicleOrigin.GIVEN));
        }
        FrontMatter front = parsed.frontMatter();
        if (front.make() != null || front.model() != null || front.yearFrom() != null || front.yearTo() != null) {
            return Optional.of(new TaggedVehicle(front.make(), front.model(), front.yearFrom(), front.yearTo(),
                    VehicleOrigin.FRONT_MATTER));
        }
        return Optional.empty();
    }

    private static VehicleOrigin declaredOrigin(Upload upload) {
        return upload.make() != null || upload.model() != null || upload.yearFrom() != null || upload.yearTo() != null
                ? VehicleOrigin.GIVEN : VehicleOrigin.FRONT_MATTER;
    }

    private TaggedVehicle inferredVehicle(String title, String sourceName, List<Chunk> chunks) {
        return tagger.infer(title, sourceName, chunks.stream().map(Chunk::embeddingText).toList())
                .map(found -> new TaggedVehicle(found.make(), found.model(), found.yearFrom(), found.yearTo(),
                        VehicleOrigin.INFERRED))
                .orElse(new TaggedVehicle(null, null, null, null, VehicleOrigin.NONE));
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
                throw new UnprocessableException("the document has no text to index");
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
