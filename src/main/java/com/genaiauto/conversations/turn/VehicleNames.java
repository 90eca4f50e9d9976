package com.genaiauto.conversations.turn;

import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.rag.model.DocumentedVehicle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the cars a message names: the owner's own (by model, make and model, or licence plate;
 * when a reply must pick one, also by "the electric one") and other models the manuals know.
 * Owners type names in any case, so matching ignores case but needs whole words.
 */
public final class VehicleNames {

    // Words a model's name may carry that owners leave out ("the Aster" for an "Aster Hybrid").
    private static final Set<String> DESCRIPTORS = Set.of("hybrid", "ev", "electric", "phev", "plug-in", "plugin",
            "awd", "4wd", "sport", "touring", "gt", "diesel", "petrol", "turbo", "e", "estate", "wagon", "sedan",
            "saloon", "hatchback", "coupe", "van", "plus");

    private VehicleNames() {
    }

    /** The owner's vehicles the text names; empty when it names none of them. */
    public static List<Vehicle> ownedNamed(String text, List<Vehicle> vehicles) {
        List<Vehicle> named = new ArrayList<>();
        for (Vehicle vehicle : vehicles) {
            if (names(text, vehicle.model()) || plate(text, vehicle.licensePlate())) {
                named.add(vehicle);
            }
        }
        return named;
    }

    /** The one vehicle a reply to "which car?" picks: by name, plate, year or powertrain. */
    public static Optional<Vehicle> pick(String reply, List<Vehicle> vehicles) {
        List<Vehicle> named = ownedNamed(reply, vehicles);
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        String lower = reply.toLowerCase(Locale.ROOT);
        List<Vehicle> matching = vehicles.stream().filter(vehicle -> lower.contains(Integer.toString(vehicle.modelYear()))
                || powertrainNamed(lower, vehicle.powertrain())).toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** A documented model the text names that is none of the owner's. */
    public static Optional<DocumentedVehicle> otherNamed(String text, List<DocumentedVehicle> documented,
                                                         List<Vehicle> owned) {
        return documented.stream()
                .filter(vehicle -> owned.stream().noneMatch(own -> own.model().equalsIgnoreCase(vehicle.model())))
                .filter(vehicle -> names(text, vehicle.model()))
                .findFirst();
    }

    public static boolean names(String text, String model) {
        if (model == null || model.isBlank()) {
            return false;
        }
        List<String> words = List.of(model.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        List<String> alternatives = new ArrayList<>();
        alternatives.add(phrase(words));
        int core = words.size();
        while (core > 1 && DESCRIPTORS.contains(words.get(core - 1))) {
            core--;
        }
        if (core < words.size() && words.get(0).length() >= 3) {
            alternatives.add(phrase(words.subList(0, core)));
        }
        return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])")
                .matcher(text).find();
    }

    private static String phrase(List<String> words) {
        return String.join("[\\s-]*", words.stream().map(Pattern::quote).toList());
    }

    private static boolean plate(String text, String plate) {
        if (plate == null || plate.isBlank()) {
            return false;
        }
        String compact = plate.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return compact.length() >= 4 && text.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT).contains(compact);
    }

    private static boolean powertrainNamed(String lower, String powertrain) {
        if (powertrain == null) {
            return false;
        }
        return switch (powertrain) {
            case "electric" -> lower.matches(".*\\b(electric|ev|e-car|battery one)\\b.*");
            case "hybrid", "plug_in_hybrid" -> lower.matches(".*\\b(hybrid|plug-in|phev)\\b.*");
            case "diesel" -> lower.matches(".*\\bdiesel\\b.*");
            case "petrol" -> lower.matches(".*\\b(petrol|gas|gasoline|combustion)\\b.*");
            default -> false;
        };
    }
}
