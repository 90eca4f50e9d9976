package com.genaiauto.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.genaiauto.platform.errors.InvalidRequestException;
import java.io.IOException;

/**
 * Text a client sends must be text: a NUL byte cannot be stored by PostgreSQL (the insert fails
 * deep inside a write, after other writes of the same request), and the other C0 control
 * characters mean nothing in any field here but corrupt logs and terminals. Tab, line feed,
 * carriage return and form feed are kept: pasted manuals and messages contain them.
 */
public final class CleanText {

    private CleanText() {
    }

    public static boolean isClean(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    /** The value itself, or a 400 naming where the control character was found. */
    public static String require(String value, String where) {
        if (value != null && !isClean(value)) {
            throw rejected(where);
        }
        return value;
    }

    static InvalidRequestException rejected(String where) {
        return new InvalidRequestException("invalid_text",
                "The request contains a control character (such as NUL) that is not allowed in text.",
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
