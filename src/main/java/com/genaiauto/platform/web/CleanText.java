package com.genaiauto.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.genaiauto.platform.errors.InvalidRequestException;
import java.io.IOException;

/**
 * Text a client sends must be storable: PostgreSQL cannot hold a NUL character in text or jsonb,
 * so a NUL failed deep inside a write (after other writes of the same request) as a 500. It is
 * refused at the edge with a 400 instead. Other control characters are stored as they come: the
 * same object mapper reads stored answers and flow state back, and a manual's text may carry them
 * (a DOCX soft line break is a vertical tab), so refusing them here would break those reads.
 */
public final class CleanText {

    private CleanText() {
    }

    public static boolean isClean(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\u0000') {
                return false;
            }
        }
        return true;
    }

    /** The value itself, or a 400 naming where the NUL was found. */
    public static String require(String value, String where) {
        if (value != null && !isClean(value)) {
            throw rejected(where);
        }
        return value;
    }

    static InvalidRequestException rejected(String where) {
        return new InvalidRequestException("invalid_text",
                "The request contains a NUL character, which text may not hold.",
                java.util.Map.of("field", where));
    }

    /** Every string of every JSON body read through the application's object mapper is checked. */
    public static SimpleModule jacksonModule() {
        return new SimpleModule("clean-text").addDeserializer(String.class, new Deserializer());
    }

    private static final class Deserializer extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && !isClean(value)) {
                String field = parser.getParsingContext().getCurrentName();
                throw rejected(field == null ? "body" : field);
            }
            return value;
        }
    }
}
