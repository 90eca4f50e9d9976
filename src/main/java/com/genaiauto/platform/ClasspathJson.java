package com.genaiauto.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** JSON data shipped in the jar (fitted models, labelled examples, demo data), read once at start. */
public final class ClasspathJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClasspathJson() {
    }

    public static <T> T read(String resource, Class<T> type) {
        return read(resource, JSON.getTypeFactory().constructType(type));
    }

    public static <T> T read(String resource, TypeReference<T> type) {
        return read(resource, JSON.getTypeFactory().constructType(type));
    }

    private static <T> T read(String resource, com.fasterxml.jackson.databind.JavaType type) {
        try (InputStream stream = ClasspathJson.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return JSON.readValue(stream, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
