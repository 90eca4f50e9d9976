package com.genaiauto.privacy;

import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.customers.service.CustomerProfiles;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskFailure;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskParameter;
import java.io.PrintWriter;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /tasks/customer-erase?user=<user id>}: the right to erasure for one customer —
 * every conversation, message and handoff, and the personal data of the customer profile (name,
 * e-mail, phone, licence plates). Idempotent; the account itself is closed through the accounts API.
 */
public final class CustomerErasureTask extends AdminTask {

    private final ConversationStore conversations;
    private final CustomerProfiles profiles;
    private final AuditLog audit;

    public CustomerErasureTask(ConversationStore conversations, CustomerProfiles profiles, AuditLog audit) {
        super("customer-erase", "Erases one customer's conversations and the personal data of their profile.",
                TaskParameter.required("user", "the customer's user id"));
        this.conversations = conversations;
        this.profiles = profiles;
        this.audit = audit;
    }

    @Override
    protected void run(TaskInput input, PrintWriter output) {
        UUID user;
        try {
            user = UUID.fromString(input.required("user", "<user id>"));
        } catch (IllegalArgumentException e) {
            throw TaskFailure.invalid("user must be a user id (a UUID)");
        }
        int erasedConversations = conversations.eraseForUser(user);
        int erasedProfiles = profiles.erasePersonalData(user);
        audit.record(AuditEvent.of("customer.erased").byLabel("admin-task").on("user", user)
                .with(Map.of("conversations", erasedConversations, "profiles", erasedProfiles)));
        output.println("erased " + erasedConversations + " conversations and the personal data of " + erasedProfiles
                + " customer profile(s) of user " + user);
    }
}
