package com.genaiauto.customers;

import io.dropwizard.core.setup.Environment;

/** Customers, vehicles, service history and appointments. Endpoints arrive with the customer-domain work. */
public final class CustomersModule {

    private final CustomersConfig config;

    public CustomersModule(CustomersConfig config) {
        this.config = config;
    }

    public void register(Environment environment) {
        // Nothing to expose yet; the module exists so its tables and API have a home.
    }

    CustomersConfig config() {
        return config;
    }
}
