-- Documents remember where their vehicle (make, model, years) came from, so that inference never
-- overrides what an uploader or an administrator said, and can run again when new models appear.
-- Chunks are split into answer units (sentences, list items, table rows) embedded at ingestion:
-- an answer quotes the units that answer the question instead of whole passages.
-- Additive only: the previous version of the service runs unchanged against this schema (its new
-- documents default to 'none' and are tagged by the next inference; chunks without units are
-- answered from their text).

ALTER TABLE documents ADD COLUMN vehicle_origin text NOT NULL DEFAULT 'none'
    CONSTRAINT documents_vehicle_origin_valid
        CHECK (vehicle_origin IN ('none', 'given', 'front_matter', 'inferred', 'admin'));
UPDATE documents SET vehicle_origin = 'given' WHERE make IS NOT NULL OR model IS NOT NULL OR year_from IS NOT NULL;

CREATE TABLE chunk_units (
    chunk_id        uuid    NOT NULL REFERENCES document_chunks (id) ON DELETE CASCADE,
    ordinal         integer NOT NULL,
    kind            text    NOT NULL,
    text            text    NOT NULL,
    -- A table row's header row, which gives its cells their meaning.
    context         text,
    embedding       vector(${embedding_dimension}),
    embedding_model text,
    PRIMARY KEY (chunk_id, ordinal),
    CONSTRAINT chunk_units_kind_valid CHECK (kind IN ('sentence', 'list_item', 'table_row')),
    CONSTRAINT chunk_units_ordinal_non_negative CHECK (ordinal >= 0)
);

-- Embeddings are kept in the row rather than out of line (TOAST): a search narrowed to one
-- vehicle's documents ranks its chunks exactly, and fetching each vector out of line cost twice
-- the time of the whole ranking (5,000 chunks: 15 ms against 7 ms). Chunks written before keep
-- their place until they are written again (a full re-embedding, kb-reindex?all=true, does it).
ALTER TABLE document_chunks ALTER COLUMN embedding SET STORAGE MAIN;
