package com.genaiauto.platform.tasks;

import java.util.List;
import java.util.Map;

/** Reading an admin task's query parameters ({@code ?provider=openrouter&action=open}). */
public final class TaskParameters {

    private TaskParameters() {
    }

    /** The first value of {@code name}, trimmed; empty when absent. */
    public static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).trim();
    }
}
