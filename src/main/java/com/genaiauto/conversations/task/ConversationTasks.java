package com.genaiauto.conversations.task;

import com.genaiauto.conversations.service.ConversationStore;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Retention and erasure on the admin port. Each is idempotent and audited (by the store). */
public final class ConversationTasks {

    private ConversationTasks() {
    }

    public static List<Task> all(ConversationStore store) {
        return List.of(new PurgeTask(store), new EraseCustomerTask(store));
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
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
            String days = first(parameters, "days");
            int age;
            try {
                age = Integer.parseInt(days == null ? "" : days);
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

    /**
     * {@code POST /tasks/customer-erase?user=<user id>}: erases every conversation, message and
     * handoff of one customer (the right to erasure). The account itself is removed through the
     * accounts API.
     */
    static final class EraseCustomerTask extends Task {
        private final ConversationStore store;

        EraseCustomerTask(ConversationStore store) {
            super("customer-erase");
            this.store = store;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            UUID user;
            try {
                user = UUID.fromString(String.valueOf(first(parameters, "user")));
            } catch (IllegalArgumentException e) {
                output.println("error: pass user=<user id>");
                return;
            }
            output.println("erased " + store.eraseForUser(user) + " conversations of user " + user);
        }
    }
}
