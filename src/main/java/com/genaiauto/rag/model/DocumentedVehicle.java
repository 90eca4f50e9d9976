package com.genaiauto.rag.model;

/** A make and model that documents of the knowledge base are tied to. */
public record DocumentedVehicle(String make, String model) {
}
