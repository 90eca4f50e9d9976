package com.genaiauto.platform.tasks;

/** One query parameter of an admin task, as the task list describes it. */
public record TaskParameter(String name, String description, boolean required) {

    public TaskParameter {
        if (name == null || name.isBlank() || description == null || description.isBlank()) {
            throw new IllegalArgumentException("a task parameter needs a name and a description");
        }
    }

    public static TaskParameter required(String name, String description) {
        return new TaskParameter(name, description, true);
    }

    public static TaskParameter optional(String name, String description) {
        return new TaskParameter(name, description, false);
    }
}
