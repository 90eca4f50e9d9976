package com.genaiauto.customers.model;

/** A make and model the service knows owners of, with the model years registered. */
public record VehicleModel(String make, String model, int firstYear, int lastYear) {
}
