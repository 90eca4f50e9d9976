package com.genaiauto.customers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Settings of the customers module (SCHEDULER_API_URL: an external dealer scheduler, optional). */
public class CustomersConfig {

    @JsonProperty
    private String schedulerApiUrl = "";

    public String schedulerApiUrl() {
        return schedulerApiUrl;
    }
}
