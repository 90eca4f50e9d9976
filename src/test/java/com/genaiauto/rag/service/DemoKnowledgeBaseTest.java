package com.genaiauto.rag.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.rag.model.EvalQuestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bundled demo knowledge base")
class DemoKnowledgeBaseTest {

    @Test
    void shouldListEveryMarkdownFileInItsIndex() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/knowledge-base"))) {
            onDisk = new HashSet<>(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).toList());
        }
        assertThat(KnowledgeBaseSeeder.bundledSlugs()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void shouldHaveAtLeastThirtyDocumentsWithValidFrontMatter() {
        List<DemoDocument> documents = KnowledgeBaseSeeder.bundledDocuments();
        assertThat(documents).hasSizeGreaterThanOrEqualTo(30);
        assertThat(documents).allSatisfy(document -> {
            assertThat(document.title()).isNotBlank();
            assertThat(document.type()).isNotNull();
            assertThat(document.make()).isEqualTo("Kestrel");
            assertThat(document.markdown()).contains("## ");
        });
        assertThat(documents).extracting(DemoDocument::model).contains("Arden", "Brio Hybrid", "Volta");
    }

    @Test
    void shouldHaveAnEvaluationSetOfAtLeastSixtyQuestionsCoveringEveryDocument() {
        List<EvalQuestion> questions = RetrievalEvaluation.builtinQuestions();
        Set<String> slugs = new HashSet<>(KnowledgeBaseSeeder.bundledSlugs());
        assertThat(questions).hasSizeGreaterThanOrEqualTo(60);
        assertThat(questions).flatExtracting(EvalQuestion::expected).allMatch(slugs::contains);
        assertThat(questions.stream().flatMap(q -> q.expected().stream()).distinct()).containsExactlyInAnyOrderElementsOf(slugs);
    }
}
