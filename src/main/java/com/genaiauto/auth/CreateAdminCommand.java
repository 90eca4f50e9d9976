package com.genaiauto.auth;

import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.auth.service.AdminAccounts;
import com.genaiauto.auth.service.PasswordHasher;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.DatabaseModule;
import com.genaiauto.platform.db.DirectDataSource;
import com.genaiauto.platform.db.Migrations;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code create-admin config.yml --email ops@example.com}: creates an administrator. The password
 * comes from ADMIN_PASSWORD or standard input, never from the command line (it would show in
 * the process list and shell history).
 */
public final class CreateAdminCommand extends ConfiguredCommand<GenAiAutoConfiguration> {

    private final Function<GenAiAutoConfiguration, Map<String, String>> placeholders;

    public CreateAdminCommand(Function<GenAiAutoConfiguration, Map<String, String>> placeholders) {
        super("create-admin", "Create an administrator account");
        this.placeholders = placeholders;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--email").required(true).help("the administrator's e-mail address");
    }

    @Override
    protected void run(Bootstrap<GenAiAutoConfiguration> bootstrap, Namespace namespace,
                       GenAiAutoConfiguration configuration) throws Exception {
        DataSource dataSource = DirectDataSource.from(configuration.getDatabase(), "genai-auto-create-admin");
        new Migrations(dataSource, placeholders.apply(configuration)).requireUpToDate();
        Jdbi jdbi = DatabaseModule.configure(Jdbi.create(dataSource));
        AdminAccounts admins = new AdminAccounts(jdbi,
                new PasswordHasher(configuration.getAuth().passwordHashing()), new AuditLog(jdbi));
        UserView admin = admins.create(Email.of(namespace.getString("email")), readPassword(), "command:create-admin");
        System.out.println("Created administrator " + admin.email() + " (" + admin.id() + ")");
    }

    private static String readPassword() throws Exception {
        String fromEnvironment = System.getenv("ADMIN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for the new administrator: ");
            return typed == null ? "" : new String(typed);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line;
    }
}
