package com.genaiauto.customers.model;

import java.time.Instant;
import java.util.List;

/** A start time at which the service fits in at least one bay. */
public record FreeSlot(String dealer, Instant startsAt, Instant endsAt, List<String> freeBays) {

    public FreeSlot {
        freeBays = List.copyOf(freeBays);
    }
}
