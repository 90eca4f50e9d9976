package com.genaiauto.pii;

import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A JSON layout whose text fields go through the personal-data masker: JSON layouts do not build
 * their text from logback pattern converters, which {@link PiiLogMasking} cannot reach otherwise.
 * Field by field, not the whole line: numbers (timestamps, durations) would look like card numbers
 * to the masker, and ids and levels are operational facts, not personal data.
 */
final class MaskedLayout<E> extends LayoutBase<E> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that never hold personal data and that an operator searches by. */
    private static final Set<String> KEPT = Set.of("timestamp", "level", "logger", "thread", "requestId", "userId",
            "route", "method", "status", "protocol", "remoteAddress", "requestTime", "contentLength");

    private final LayoutBase<E> delegate;

    MaskedLayout(LayoutBase<E> delegate) {
        this.delegate = delegate;
    }

    @Override
    public String doLayout(E event) {
        String line = delegate.doLayout(event);
        try {
            JsonNode json = JSON.readTree(line);
            if (json instanceof ObjectNode object) {
                // The request log's id is a request attribute: the same top-level field as the application log's.
                if (object.remove("requestAttributes") instanceof ObjectNode attributes
                        && attributes.hasNonNull("genai.requestId")) {
                    object.put("requestId", attributes.get("genai.requestId").asText());
                }
                mask(object);
                return JSON.writeValueAsString(object) + System.lineSeparator();
            }
        } catch (Exception e) {
            // Not a JSON object after all: fall through and mask the line as text.
        }
        return PiiLogMasking.mask(line);
    }

    private static void mask(ObjectNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value instanceof ObjectNode nested) {
                mask(nested);
            } else if (value.isTextual() && !KEPT.contains(field.getKey())) {
                field.setValue(TextNode.valueOf(PiiLogMasking.mask(value.asText())));
            }
        }
    }

    @Override
    public void start() {
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }
}
