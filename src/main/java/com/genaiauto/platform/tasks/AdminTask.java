package com.genaiauto.platform.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * An operator task on the admin port ({@code POST /tasks/<name>?…}) that says what it does and
 * fails loudly: a {@link TaskFailure} becomes its status (4xx) with the service's error JSON, any
 * other failure a 500 (see {@link TaskResponseFilter}), so {@code curl -f} can tell.
 */
public abstract class AdminTask extends Task {

    private final String description;
    private final List<TaskParameter> parameters;

    protected AdminTask(String name, String description, TaskParameter... parameters) {
        super(name);
        this.description = description;
        this.parameters = List.of(parameters);
    }

    public String description() {
        return description;
    }

    public List<TaskParameter> parameters() {
        return parameters;
    }

    @Override
    public final void execute(Map<String, List<String>> parameters, PrintWriter output) {
        try {
            run(new TaskInput(parameters), output);
        } catch (TaskFailure refused) {
            TaskResponseFilter.refuse(refused);
        }
    }

    /** Does the work and prints a one-line report; throws {@link TaskFailure} for bad input. */
    protected abstract void run(TaskInput input, PrintWriter output);
}
