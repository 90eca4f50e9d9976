package com.genaiauto.platform.tasks;

import com.genaiauto.platform.errors.ApiException;
import java.util.Map;

/**
 * An admin task that did not do what it was asked: a missing or invalid parameter (400), a thing
 * that does not exist or an unknown task (404), or a failure while running (500). The admin port
 * answers with that status and the service's error JSON.
 */
public final class TaskFailure extends ApiException {

    private static final long serialVersionUID = 1L;

    private TaskFailure(int status, String code, String message) {
        super(status, code, message, Map.of());
    }

    public static TaskFailure invalid(String message) {
        return new TaskFailure(400, "invalid_parameter", message);
    }

    public static TaskFailure notFound(String message) {
        return new TaskFailure(404, "not_found", message);
    }

    static TaskFailure unknownTask(String name) {
        return new TaskFailure(404, "unknown_task", "No task named '" + name + "'; GET /tasks lists them.");
    }

    static TaskFailure failed() {
        return new TaskFailure(500, "task_failed", "The task failed; the service log has the details.");
    }
}
