package com.genaiauto.testing;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Extensions registered on an outer test class are also called around each {@code @Nested}
 * class; shared resources must only be released once the outer class is done.
 */
final class OuterClassOnly {

    private OuterClassOnly() {
    }

    static boolean isNested(ExtensionContext context) {
        return context.getTestClass().map(type -> type.isAnnotationPresent(Nested.class)).orElse(false);
    }
}
