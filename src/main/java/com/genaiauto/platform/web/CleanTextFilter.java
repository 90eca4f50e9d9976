package com.genaiauto.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/** The query, the path and the headers of every request hold text only (see {@link CleanText}). */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CleanTextFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        CleanText.require(request.getUriInfo().getPath(true), "path");
        check(request.getUriInfo().getQueryParameters(true), "");
        check(request.getHeaders(), "header ");
    }

    private static void check(MultivaluedMap<String, String> values, String prefix) {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            CleanText.require(entry.getKey(), prefix + "name");
            for (String value : entry.getValue()) {
                CleanText.require(value, prefix + entry.getKey());
            }
        }
    }
}
