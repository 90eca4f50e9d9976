package com.genaiauto.conversations.task;

import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.platform.tasks.TaskParameters;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Retention on the admin port: idempotent and audited (by the store). */
public final class ConversationTasks {

    private ConversationTasks() {
    }

    public static List<Task> all(ConversationStore store) {
        return List.of(new PurgeTask(store));
    }

    /** {@code POST /tasks/conversation-purge?days=90}: removes conversations untouched for that long. */
    static final class PurgeTask extends Task {
        private final ConversationStore store;

        PurgeTask(ConversationStore store) {
            super("conversation-purge");
            this.store = store;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            String days = TaskParameters.first(parameters, "days");
            int age;
            try {
                age = Integer.parseInt(days);
            } catch (NumberFormatException e) {
                output.println("error: pass days=<retention in days, at least 1>");
                return;
            }
            if (age < 1) {
                output.println("error: days must be at least 1");
                return;
            }
            output.println("removed " + store.purgeOlderThan(age) + " conversations untouched for " + age + " days");
        }
    }
}
