package com.genaiauto.platform.tasks;

import io.dropwizard.core.setup.AdminEnvironment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin port's tasks and what each does: modules add theirs here, which registers them with
 * Dropwizard and keeps their description for {@code GET /tasks}.
 */
public final class TaskRegistry {

    /** Dropwizard's own tasks, described here since they carry no description. */
    private static final List<TaskDescription> BUILT_IN = List.of(
            new TaskDescription("gc", "Runs the JVM's garbage collector.", List.of()),
            new TaskDescription("log-level", "Sets a logger's level, for a while if a duration is given.",
                    List.of(TaskParameter.required("logger", "a logger name, e.g. com.genaiauto"),
                            TaskParameter.optional("level", "TRACE|DEBUG|INFO|WARN|ERROR|OFF; absent resets it"),
                            TaskParameter.optional("duration", "how long, e.g. PT5M; absent keeps it"))));

    private final AdminEnvironment admin;
    private final Map<String, TaskDescription> described = new TreeMap<>();

    public TaskRegistry(AdminEnvironment admin) {
        this.admin = admin;
        BUILT_IN.forEach(task -> described.put(task.name(), task));
    }

    public void add(AdminTask task) {
        admin.addTask(task);
        synchronized (described) {
            described.put(task.getName(), new TaskDescription(task.getName(), task.description(), task.parameters()));
        }
    }

    public List<TaskDescription> all() {
        synchronized (described) {
            return List.copyOf(described.values());
        }
    }

    boolean knows(String name) {
        synchronized (described) {
            return described.containsKey(name);
        }
    }

    /** One line of the task list. */
    public record TaskDescription(String name, String description, List<TaskParameter> parameters) {
    }
}
