package com.genaiauto.platform.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.jackson.TypeNameResolver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the document's schemas: a nested type by its enclosing type too ({@code ErrorResponse.Body},
 * {@code CustomerRequests.NewVehicle}), so that the many small request and view records nested in
 * different classes do not overwrite each other under one simple name. It remembers which class
 * each name stands for (the shapes are finished from the classes), and refuses two classes under
 * one name rather than let one silently replace the other in the document.
 */
final class SchemaNames extends TypeNameResolver {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    @Override
    public String nameForType(JavaType type, Set<Options> options) {
        String name = super.nameForType(type, options);
        if (findStdName(type) == null) {
            Class<?> earlier = classes.putIfAbsent(name, type.getRawClass());
            if (earlier != null && !earlier.equals(type.getRawClass())) {
                throw new IllegalStateException("two types share the OpenAPI schema name " + name + ": "
                        + earlier.getName() + " and " + type.getRawClass().getName()
                        + "; give one a @Schema(name = ...)");
            }
        }
        return name;
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + ".");
        }
        return name.toString();
    }

    /** The class a schema name was given to, if it names one. */
    Class<?> classOf(String schemaName) {
        return classes.get(schemaName);
    }
}
