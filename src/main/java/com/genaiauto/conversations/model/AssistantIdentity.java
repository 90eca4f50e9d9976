package com.genaiauto.conversations.model;

/**
 * Who the assistant says it is: the manufacturer or dealer group it serves and its own name, both
 * from configuration (no brand lives in the code), and the emergency number it gives first when
 * someone may be hurt.
 */
public record AssistantIdentity(String brand, String name, String emergencyNumber) {

    public AssistantIdentity {
        brand = brand == null ? "" : brand.strip();
        name = name == null ? "" : name.strip();
        emergencyNumber = emergencyNumber == null || emergencyNumber.isBlank() ? "112" : emergencyNumber.strip();
    }

    /** "Ava, the virtual service assistant of Acme Motors"; without a name or a brand, less. */
    public String introduction() {
        String role = "the virtual service assistant" + (brand.isEmpty() ? "" : " of " + brand);
        return name.isEmpty() ? role : name + ", " + role;
    }
}
