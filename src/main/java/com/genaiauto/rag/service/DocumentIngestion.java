package com.genaiauto.rag.service;

import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.PayloadTooLargeException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.errors.UnsupportedMediaException;
import com.genaiauto.rag.dao.ChunkDao;
import com.genaiauto.rag.dao.DocumentDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.model.DocumentMetadata;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.model.IngestionResult.Outcome;
import com.genaiauto.rag.model.KnowledgeDocument;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.parse.DocumentFormats;
import com.genaiauto.rag.parse.ParsedDocument;
import com.genaiauto.rag.parse.UnreadableDocumentException;
import com.pgvector.PGvector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    private final Runnable changed;

    /** {@code changed} runs after the knowledge base's content changed (new, replaced or deleted chunks). */
    public DocumentIngestion(Jdbi jdbi, Embedder embedder, Chunker chunker, long maxBytes, int maxChunks,
                             AuditLog audit, Runnable changed) {
        this.jdbi = jdbi;
        this.embedder = embedder;
        this.chunker = chunker;
        this.maxBytes = maxBytes;
        this.maxChunks = maxChunks;
        this.audit = audit;
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
        DocumentMetadata metadata = new DocumentMetadata(titleOf(upload, parsed), upload.type(),
                upload.sourceName() != null && !upload.sourceName().isBlank() ? upload.sourceName() : upload.fileName(),
                upload.make(), upload.model(), upload.yearFrom(), upload.yearTo());

        Optional<KnowledgeDocument> sameContent = jdbi.onDemand(DocumentDao.class).findByHash(hash);
        if (sameContent.isPresent()) {
            return unchanged(sameContent.get(), metadata, upload);
        }
        List<Chunk> chunks = chunker.chunk(metadata.title(), parsed.blocks());
        if (chunks.isEmpty()) {
            throw new UnprocessableException("the document has no text to index");
        }
        if (chunks.size() > maxChunks) {
            throw new UnprocessableException("the document makes " + chunks.size() + " chunks; at most "
                    + maxChunks + " are allowed per document; split it into several documents");
        }
        List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::embeddingText).toList());
        try {
            IngestionResult result = jdbi.inTransaction(handle -> {
                DocumentDao documents = handle.attach(DocumentDao.class);
                ChunkDao chunkDao = handle.attach(ChunkDao.class);
                Optional<KnowledgeDocument> existing = documents.lockBySourceName(metadata.sourceName());
                UUID id = existing.map(KnowledgeDocument::id).orElseGet(UUID::randomUUID);
                if (existing.isPresent()) {
                    chunkDao.deleteForDocument(id);
                    documents.replace(id, metadata.title(), metadata.type().wire(), mediaType, hash, metadata.make(),
                            metadata.model(), metadata.yearFrom(), metadata.yearTo(), chunks.size(),
                            upload.content().length, embedder.model(), upload.uploadedBy());
                } else {
                    documents.insert(id, metadata.title(), metadata.type().wire(), metadata.sourceName(), mediaType,
                            hash, metadata.make(), metadata.model(), metadata.yearFrom(), metadata.yearTo(),
                            chunks.size(), upload.content().length, embedder.model(), upload.uploadedBy());
                }
                chunkDao.insertAll(chunks.stream().map(chunk -> UUID.randomUUID()).toList(), id,
                        chunks.stream().map(Chunk::index).toList(), chunks.stream().map(Chunk::section).toList(),
                        chunks.stream().map(Chunk::content).toList(), chunks.stream().map(Chunk::tokenCount).toList(),
                        IntStream.range(0, vectors.size()).mapToObj(i -> new PGvector(vectors.get(i))).toList(),
                        embedder.model());
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

    private IngestionResult unchanged(KnowledgeDocument document, DocumentMetadata metadata, Upload upload) {
        // Identical bytes are never embedded twice; metadata corrections on the same name still apply.
        if (document.sourceName().equals(metadata.sourceName()) && metadataDiffers(document, metadata)) {
            jdbi.useHandle(handle -> handle.attach(DocumentDao.class).replace(document.id(), metadata.title(),
                    metadata.type().wire(), document.contentType(), document.contentHash(), metadata.make(),
                    metadata.model(), metadata.yearFrom(), metadata.yearTo(), document.chunkCount(),
                    document.sizeBytes(), document.embeddingModel(), upload.uploadedBy()));
            return new IngestionResult(Outcome.UPDATED, jdbi.onDemand(DocumentDao.class).findById(document.id()).orElseThrow());
        }
        return new IngestionResult(Outcome.UNCHANGED, document);
    }

    private static boolean metadataDiffers(KnowledgeDocument document, DocumentMetadata metadata) {
        return !document.title().equals(metadata.title()) || document.docType() != metadata.type()
                || !java.util.Objects.equals(document.make(), metadata.make())
                || !java.util.Objects.equals(document.model(), metadata.model())
                || !java.util.Objects.equals(document.yearFrom(), metadata.yearFrom())
                || !java.util.Objects.equals(document.yearTo(), metadata.yearTo());
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
