package com.genaiauto.platform.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, with the total so clients can page through. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        return new Page<>(items, total, request.limit(), request.offset());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }
}
