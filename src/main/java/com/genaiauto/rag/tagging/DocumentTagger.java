package com.genaiauto.rag.tagging;

import com.genaiauto.customers.model.VehicleModel;
import com.genaiauto.customers.service.VehicleModels;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.rag.dao.ChunkDao;
import com.genaiauto.rag.dao.DocumentDao;
import com.genaiauto.rag.model.KnowledgeDocument;
import com.genaiauto.rag.model.VehicleOrigin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties documents to vehicles. At upload, a document nobody tagged is tagged by inference against the
 * models the service knows; when an owner registers a model the knowledge base has not heard of,
 * every document still open to inference is read again, so manuals uploaded before their owners
 * arrived find their model. Administrators may set or clear a document's vehicle.
 */
public final class DocumentTagger {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentTagger.class);

    private final Jdbi jdbi;
    private final VehicleModels fleet;
    private final AuditLog audit;
    private final Set<String> seenModels = ConcurrentHashMap.newKeySet();

    public DocumentTagger(Jdbi jdbi, VehicleModels fleet, AuditLog audit) {
        this.jdbi = jdbi;
        this.fleet = fleet;
        this.audit = audit;
        fleet.onRegistered(this::vehicleRegistered);
    }

    /** Every make and model the service knows: registered vehicles and documents tagged by a person. */
    public List<VehicleModel> catalogue() {
        List<VehicleModel> models = new ArrayList<>(fleet.known());
        models.addAll(jdbi.onDemand(DocumentDao.class).declaredModels());
        return models;
    }

    public Optional<VehicleInference.Inferred> infer(String title, String fileName, Collection<String> texts) {
        return VehicleInference.infer(title, fileName, texts, catalogue());
    }

    /** Reads again every document open to inference; returns how many changed. */
    public synchronized int retag() {
        List<VehicleModel> catalogue = catalogue();
        catalogue.forEach(model -> seenModels.add(key(model)));
        DocumentDao documents = jdbi.onDemand(DocumentDao.class);
        ChunkDao chunks = jdbi.onDemand(ChunkDao.class);
        int changed = 0;
        for (KnowledgeDocument document : documents.revisable()) {
            VehicleInference.Inferred inferred = VehicleInference.infer(document.title(), document.sourceName(),
                    chunks.textsOf(document.id()), catalogue).orElse(new VehicleInference.Inferred(null, null, null, null));
            if (sameVehicle(document, inferred)) {
                continue;
            }
            VehicleOrigin origin = inferred.isEmpty() ? VehicleOrigin.NONE : VehicleOrigin.INFERRED;
            changed += documents.setInferredVehicle(document.id(), inferred.make(), inferred.model(), inferred.yearFrom(),
                    inferred.yearTo(), origin.wire());
        }
        if (changed > 0) {
            LOG.info("Vehicle inference revised {} documents", changed);
            audit.record(AuditEvent.of("document.vehicles_inferred").byLabel("system").with(Map.of("documents", changed)));
        }
        return changed;
    }

    /** An administrator's word on a document's vehicle; it stands until cleared. */
    public void set(UUID documentId, String make, String model, Integer yearFrom, Integer yearTo, UUID actor) {
        jdbi.onDemand(DocumentDao.class).setVehicle(documentId, make, model, yearFrom, yearTo, VehicleOrigin.ADMIN.wire());
        audit.record(AuditEvent.of("document.vehicle_set").by(actor).on("document", documentId)
                .with(Map.of("make", String.valueOf(make), "model", String.valueOf(model))));
    }

    /** Hands a document's vehicle back to inference, which runs on it at once. */
    public void clear(UUID documentId, UUID actor) {
        DocumentDao documents = jdbi.onDemand(DocumentDao.class);
        documents.setVehicle(documentId, null, null, null, null, VehicleOrigin.NONE.wire());
        KnowledgeDocument document = documents.findById(documentId).orElseThrow();
        infer(document.title(), document.sourceName(), jdbi.onDemand(ChunkDao.class).textsOf(documentId))
                .ifPresent(inferred -> documents.setInferredVehicle(documentId, inferred.make(), inferred.model(),
                        inferred.yearFrom(), inferred.yearTo(), VehicleOrigin.INFERRED.wire()));
        audit.record(AuditEvent.of("document.vehicle_cleared").by(actor).on("document", documentId));
    }

    private void vehicleRegistered(VehicleModel model) {
        if (seenModels.isEmpty()) {
            // After a start, the models registered before it were read with every upload since.
            fleet.known().forEach(known -> seenModels.add(key(known)));
            seenModels.remove(key(model));
        }
        if (seenModels.contains(key(model))) {
            return;
        }
        try {
            retag();
        } catch (RuntimeException e) {
            // The vehicle is registered either way; the next new model or the kb-retag task retries.
            LOG.warn("Vehicle inference after a new model failed", e);
        }
    }

    private static boolean sameVehicle(KnowledgeDocument document, VehicleInference.Inferred inferred) {
        return Objects.equals(document.make(), inferred.make()) && Objects.equals(document.model(), inferred.model())
                && Objects.equals(document.yearFrom(), inferred.yearFrom())
                && Objects.equals(document.yearTo(), inferred.yearTo());
    }

    private static String key(VehicleModel model) {
        return (model.make() + "\u0000" + model.model()).toLowerCase(Locale.ROOT);
    }
}
