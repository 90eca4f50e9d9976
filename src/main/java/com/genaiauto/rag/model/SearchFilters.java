package com.genaiauto.rag.model;

/**
 * Metadata filters applied inside the search SQL. A document without a make/model/year range
 * applies to every vehicle, so it passes any make, model or year filter.
 */
public record SearchFilters(DocumentType type, String make, String model, Integer year) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null);

    public SearchFilters {
        make = blankToNull(make);
        model = blankToNull(model);
    }

    public static SearchFilters forVehicle(String make, String model, Integer year) {
        return new SearchFilters(null, make, model, year);
    }

    public boolean isEmpty() {
        return type == null && make == null && model == null && year == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
