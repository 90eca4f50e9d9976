package com.genaiauto.customers.resource;

import com.genaiauto.customers.model.AppointmentStatus;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vin;
import com.genaiauto.platform.errors.UnprocessableException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns request strings into domain values, answering 422 with the field's name when they are not. */
final class Parsing {

    private Parsing() {
    }

    static Vin vin(String value) {
        return parse("vin", value, Vin::of);
    }

    static ServiceType serviceType(String value) {
        return parse("serviceType", value, ServiceType::parse);
    }

    static AppointmentStatus status(String value) {
        return value == null ? null : parse("status", value, AppointmentStatus::parse);
    }

    static LocalDate date(String field, String value) {
        return parse(field, value, LocalDate::parse);
    }

    static Instant instant(String field, String value) {
        return value == null ? null : parse(field, value, Instant::parse);
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            if (value == null) {
                throw new IllegalArgumentException("is required");
            }
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            String message = e instanceof DateTimeParseException ? "is not a valid date or time" : e.getMessage();
            throw new UnprocessableException("The request is not valid: " + field + " " + message + ".",
                    Map.of("fields", List.of(Map.of("field", field, "message", message))));
        }
    }
}
