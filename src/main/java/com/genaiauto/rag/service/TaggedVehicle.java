package com.genaiauto.rag.service;

import com.genaiauto.rag.model.DocumentMetadata;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.KnowledgeDocument;
import com.genaiauto.rag.model.VehicleOrigin;
import com.genaiauto.rag.parse.FrontMatter;
import com.genaiauto.rag.parse.ParsedDocument;
import java.util.Optional;

/** A document's vehicle and where it came from. */
record TaggedVehicle(String make, String model, Integer yearFrom, Integer yearTo, VehicleOrigin origin) {

    static final TaggedVehicle NONE = new TaggedVehicle(null, null, null, null, VehicleOrigin.NONE);

    static TaggedVehicle of(KnowledgeDocument document) {
        return new TaggedVehicle(document.make(), document.model(), document.yearFrom(), document.yearTo(),
                document.vehicleOrigin());
    }

    DocumentMetadata describe(String title, DocumentType type, String sourceName) {
        return new DocumentMetadata(title, type, sourceName, make, model, yearFrom, yearTo);
    }

    /** What the uploader or the file's front matter says of the vehicle, if anything. */
    static Optional<TaggedVehicle> declared(Upload upload, ParsedDocument parsed) {
        if (givenByUploader(upload)) {
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

    static VehicleOrigin declaredOrigin(Upload upload) {
        return givenByUploader(upload) ? VehicleOrigin.GIVEN : VehicleOrigin.FRONT_MATTER;
    }

    private static boolean givenByUploader(Upload upload) {
        return upload.make() != null || upload.model() != null || upload.yearFrom() != null || upload.yearTo() != null;
    }
}
