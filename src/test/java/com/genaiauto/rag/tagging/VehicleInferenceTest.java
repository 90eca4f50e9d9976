package com.genaiauto.rag.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.customers.model.VehicleModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Vehicle inference from a document's title and text")
class VehicleInferenceTest {

    private static final List<VehicleModel> FLEET = List.of(new VehicleModel("Aster", "Volt", 2021, 2024),
            new VehicleModel("Aster", "Comet Hybrid", 2022, 2025), new VehicleModel("Orla", "Leaf", 2020, 2020));

    private static VehicleInference.Inferred infer(String title, String fileName, String... texts) {
        return VehicleInference.infer(title, fileName, List.of(texts), FLEET)
                .orElse(new VehicleInference.Inferred(null, null, null, null));
    }

    @Nested
    @DisplayName("model")
    class Model {

        @Test
        void shouldTakeTheOneModelTheTitleNames() {
            VehicleInference.Inferred found = infer("Volt Owner's Guide — Charging", null, "Charge the car overnight.");
            assertThat(found.make()).isEqualTo("Aster");
            assertThat(found.model()).isEqualTo("Volt");
        }

        @Test
        void shouldFindAModelByItsCoreNameOrItsFileName() {
            assertThat(infer("Comet — fluids", null).model()).isEqualTo("Comet Hybrid");
            assertThat(infer("Fluids and capacities", "comet-hybrid-fluids.md").model()).isEqualTo("Comet Hybrid");
        }

        @Test
        void shouldTakeAModelFromTheTextOnlyWhenItIsTheOnlyOneNamedRepeatedly() {
            assertThat(infer("Charging", null, "The Volt charges at 11 kW.", "On the Volt, open the flap.",
                    "The Volt's cable is in the boot.").model()).isEqualTo("Volt");
            assertThat(infer("Charging", null, "The Volt charges at 11 kW.").model()).isNull();
            assertThat(infer("Towing", null, "The Volt tows 750 kg. The Volt needs the hitch. The Volt...",
                    "The Comet tows 1,200 kg.").model()).as("a guide for two models is general").isNull();
        }

        @Test
        void shouldLeaveAGeneralDocumentToItsMakeWhenTheMakeIsNamed() {
            VehicleInference.Inferred found = infer("Aster warranty booklet", null, "Covers the Volt and the Comet.");
            assertThat(found.model()).isNull();
            assertThat(found.make()).isEqualTo("Aster");
        }

        @Test
        void shouldNotMistakeAnOrdinaryWordForAModelOfThatName() {
            assertThat(infer("Suspension", null, "Check the leaf spring mounts. The leaf spring bushes wear.",
                    "A worn leaf spring sags.").model()).isNull();
        }
    }

    @Test
    void shouldReadModelYearsFromTheTitle() {
        VehicleInference.Inferred found = infer("Volt 2021–2023 maintenance schedule", null);
        assertThat(found.yearFrom()).isEqualTo(2021);
        assertThat(found.yearTo()).isEqualTo(2023);
        assertThat(infer("Volt (model year 2024) quick guide", null).yearFrom()).isEqualTo(2024);
    }

    @Test
    void shouldInferNothingWhenNothingKnownIsNamed() {
        assertThat(VehicleInference.infer("Road safety tips", null, List.of("Keep your distance."), FLEET)).isEmpty();
    }

    @Test
    void shouldTellADocumentsTypeFromWhatItsTitleCallsIt() {
        assertThat(DocumentTypes.infer("Recall notice R24-11", null).wire()).isEqualTo("service_bulletin");
        assertThat(DocumentTypes.infer("Warranty booklet", null).wire()).isEqualTo("warranty");
        assertThat(DocumentTypes.infer("Owner FAQ", null).wire()).isEqualTo("faq");
        assertThat(DocumentTypes.infer("Troubleshooting guide", null).wire()).isEqualTo("troubleshooting");
        assertThat(DocumentTypes.infer("Charging", "volt-charging.md").wire()).isEqualTo("manual");
    }
}
