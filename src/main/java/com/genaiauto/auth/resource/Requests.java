package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.service.ClientInfo;
import com.genaiauto.platform.errors.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;

/** Small conversions shared by the auth resources. */
final class Requests {

    private Requests() {
    }

    static ClientInfo client(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    static Email email(String value) {
        try {
            return Email.of(value);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("The e-mail address is not valid.",
                    Map.of("fields", List.of(Map.of("field", "email", "message", "is not a valid e-mail address"))));
        }
    }
}
