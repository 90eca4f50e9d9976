package com.genaiauto.conversations.turn;

import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.rag.model.SearchFilters;
import java.util.List;

/**
 * Which vehicle a message is about: one of the owner's (named in the message, the conversation's,
 * or their only one), another model the owner named, undecided among several of theirs, or none.
 */
public sealed interface VehicleContext {

    /** How an owned vehicle was chosen. */
    enum Choice { NAMED, CONVERSATION, ONLY_VEHICLE }

    /** The filters that keep retrieval to this vehicle's documents and the general ones. */
    SearchFilters filters();

    record Owned(Vehicle vehicle, Choice choice) implements VehicleContext {
        @Override
        public SearchFilters filters() {
            return SearchFilters.forVehicle(vehicle.make(), vehicle.model(), vehicle.modelYear());
        }

        public String describe() {
            return vehicle.make() + " " + vehicle.model();
        }
    }

    /** A model the owner asked about that is not one of theirs ("what does the Aster tow?"). */
    record Other(String make, String model) implements VehicleContext {
        @Override
        public SearchFilters filters() {
            return SearchFilters.forVehicle(make, model, null);
        }
    }

    record Undecided(List<Vehicle> candidates) implements VehicleContext {
        public Undecided {
            candidates = List.copyOf(candidates);
        }

        @Override
        public SearchFilters filters() {
            return SearchFilters.NONE;
        }
    }

    record None() implements VehicleContext {
        @Override
        public SearchFilters filters() {
            return SearchFilters.NONE;
        }
    }
}
