package com.genaiauto.customers.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** A workshop with its bays and opening hours (in its own time zone). */
public record Dealer(String id, String name, String timeZone, List<String> bays, LocalTime opens, LocalTime closes,
                     Set<DayOfWeek> openDays) {

    public Dealer {
        bays = List.copyOf(bays);
        openDays = Set.copyOf(openDays);
    }
}
