package com.genaiauto.rag.service;

import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.parse.FrontMatter;
import java.nio.charset.StandardCharsets;

/** A Markdown file of the bundled knowledge base: YAML front matter (title, type, make, model, years), then the body. */
public record DemoDocument(String slug, String title, DocumentType type, String make, String model, Integer yearFrom,
                           Integer yearTo, String markdown) {

    public static DemoDocument parse(String slug, String file) {
        FrontMatter.Split split = FrontMatter.split(file);
        FrontMatter meta = split.frontMatter();
        if (meta == FrontMatter.NONE || meta.title() == null) {
            throw new IllegalArgumentException(slug + ": missing front matter with a title");
        }
        return new DemoDocument(slug, meta.title(), DocumentType.fromWire(meta.type()), meta.make(), meta.model(),
                meta.yearFrom(), meta.yearTo(), split.body());
    }

    public Upload asUpload() {
        return new Upload(markdown.getBytes(StandardCharsets.UTF_8), "text/markdown", slug + ".md", title, type, slug,
                make, model, yearFrom, yearTo, null);
    }
}
