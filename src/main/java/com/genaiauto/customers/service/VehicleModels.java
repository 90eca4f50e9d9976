package com.genaiauto.customers.service;

import com.genaiauto.customers.model.VehicleModel;
import java.util.List;
import java.util.function.Consumer;

/**
 * The makes and models of the vehicles owners have registered: what other modules (the knowledge
 * base, to tie manuals to vehicles) may know of the fleet, and a signal when a model appears.
 */
public interface VehicleModels {

    List<VehicleModel> known();

    /** Called after a vehicle is registered, with its make and model (the first of a model or not). */
    void onRegistered(Consumer<VehicleModel> listener);
}
