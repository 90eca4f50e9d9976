package com.genaiauto.platform.web;

import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/** The route a request matched, as its template ({@code /api/v1/conversations/{id}}), never its ids. */
public final class Routes {

    private Routes() {
    }

    public static String template(ExtendedUriInfo uriInfo) {
        List<UriTemplate> templates = uriInfo.getMatchedTemplates();
        StringBuilder path = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (!part.isEmpty() && !part.equals("/")) {
                path.append(part.startsWith("/") ? "" : "/").append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
