package com.genaiauto.conversations.task;

import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskParameter;
import java.io.PrintWriter;
import java.util.List;

/** Retention on the admin port: idempotent and audited (by the store). */
public final class ConversationTasks {

    private ConversationTasks() {
    }

    public static List<AdminTask> all(ConversationStore store) {
        return List.of(new PurgeTask(store));
    }

    /** {@code POST /tasks/conversation-purge?days=90}: removes conversations untouched for that long. */
    static final class PurgeTask extends AdminTask {
        private final ConversationStore store;

        PurgeTask(ConversationStore store) {
            super("conversation-purge", "Removes the conversations untouched for a number of days.",
                    TaskParameter.required("days", "the age in days, at least 1"));
            this.store = store;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            int age = input.atLeast("days", 1);
            output.println("removed " + store.purgeOlderThan(age) + " conversations untouched for " + age + " days");
        }
    }
}
