package com.genaiauto.conversations.agent;

import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The dealers' workshops as the booking flows name them, and how visits are described to owners. */
final class Workshops {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);

    private final CustomerTools tools;

    Workshops(CustomerTools tools) {
        this.tools = tools;
    }

    /** The workshop the owner names, else the first one. */
    Dealer named(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Dealer> dealers = tools.dealers();
        return dealers.stream()
                .filter(dealer -> lower.contains(dealer.id().toLowerCase(Locale.ROOT))
                        || lower.contains(dealer.name().toLowerCase(Locale.ROOT)))
                .findFirst().orElse(dealers.get(0));
    }

    Dealer byId(String id) {
        return tools.dealers().stream().filter(dealer -> dealer.id().equals(id)).findFirst()
                .orElseGet(() -> tools.dealers().get(0));
    }

    static String when(Instant instant, Dealer dealer) {
        return WHEN.format(instant.atZone(ZoneId.of(dealer.timeZone())));
    }

    static String label(ServiceType type) {
        return type.wireName().replace('_', ' ').replace("ev ", "EV ");
    }

    static String article(String label) {
        return "aeiou".indexOf(Character.toLowerCase(label.charAt(0))) >= 0 || label.startsWith("EV") ? "an" : "a";
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String describe(Vehicle vehicle) {
        return vehicle.modelYear() + " " + vehicle.make() + " " + vehicle.model();
    }

    static String describeAll(List<Vehicle> vehicles) {
        return "You have: " + String.join(", ", vehicles.stream().map(Workshops::describe).toList()) + ".";
    }
}
