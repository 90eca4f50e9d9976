package com.genaiauto.auth.service;

import com.genaiauto.auth.dao.UserDao;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Administrator accounts, which nobody can register for: created from configuration at start-up
 * (only while no administrator exists) or by the {@code create-admin} command.
 */
public final class AdminAccounts {

    private final Jdbi jdbi;
    private final UserDao users;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public AdminAccounts(Jdbi jdbi, PasswordHasher hasher, AuditLog audit) {
        this.jdbi = jdbi;
        this.users = jdbi.onDemand(UserDao.class);
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Creates the first administrator; empty when an administrator already exists. */
    public Optional<UserView> bootstrap(Email email, String password, String source) {
        return create(email, password, source, true);
    }

    /** Creates an administrator whether or not others exist. */
    public UserView create(Email email, String password, String source) {
        return create(email, password, source, false).orElseThrow();
    }

    private Optional<UserView> create(Email email, String password, String source, boolean onlyIfNone) {
        PasswordPolicy.check(password, email.value());
        String hash = hasher.hash(password);
        return jdbi.inTransaction(handle -> {
            // Serialise concurrent bootstraps from several replicas starting together.
            handle.execute("SELECT pg_advisory_xact_lock(hashtext('genai-auto:admin-bootstrap'))");
            if (onlyIfNone && users.anyActiveAdmin()) {
                return Optional.empty();
            }
            UserView admin = AuthService.insertUser(users, email, hash, Role.ADMIN, "Administrator");
            audit.record(AuditEvent.of("auth.admin_created").on("user", admin.id()).byLabel(source));
            return Optional.of(admin);
        });
    }
}
