package com.genaiauto.platform.paging;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.List;
import java.util.Map;

/** Offset pagination as every listing endpoint takes it: {@code ?limit=20&offset=0}. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UnprocessableException("limit must be between 1 and " + MAX_LIMIT,
                    Map.of("fields", List.of(Map.of("field", "limit", "message", "must be between 1 and " + MAX_LIMIT))));
        }
        if (offset < 0) {
            throw new UnprocessableException("offset must not be negative",
                    Map.of("fields", List.of(Map.of("field", "offset", "message", "must not be negative"))));
        }
    }

    public static PageRequest of(Integer limit, Integer offset) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
    }
}
