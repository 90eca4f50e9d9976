package com.genaiauto.platform.db;

import com.genaiauto.GenAiAutoConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Map;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code db migrate|info|validate|repair|baseline config.yml}: schema operations without starting
 * the server, e.g. as a release step before rolling out new replicas, or to recover the schema
 * history after a migration failed half-way.
 */
public final class DbCommand extends ConfiguredCommand<GenAiAutoConfiguration> {

    private static final String ACTION = "action";

    private final Function<GenAiAutoConfiguration, Map<String, String>> placeholders;

    public DbCommand(Function<GenAiAutoConfiguration, Map<String, String>> placeholders) {
        super("db", "Database schema operations: migrate, info, validate, repair, baseline");
        this.placeholders = placeholders;
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION);
        addAction(actions, "migrate", "Apply pending migrations");
        addAction(actions, "info", "List migrations and their state");
        addAction(actions, "validate", "Check applied migrations against the packaged scripts");
        addAction(actions, "repair", "Remove failed migrations from the history and realign checksums");
        Subparser baseline = actions.addParser("baseline").help("Mark an existing schema as at a version")
                .description("Mark an existing schema, made without a history, as at a version");
        baseline.addArgument("--version").dest("version").setDefault("1")
                .help("the version the existing schema corresponds to (default 1)");
        addFileArgument(baseline);
    }

    private void addAction(Subparsers actions, String name, String help) {
        Subparser action = actions.addParser(name).help(help).description(help);
        addFileArgument(action);
    }

    @Override
    protected void run(Bootstrap<GenAiAutoConfiguration> bootstrap, Namespace namespace,
                       GenAiAutoConfiguration configuration) {
        Migrations migrations = new Migrations(
                DirectDataSource.from(configuration.getDatabase(), "genai-auto-db-command"),
                placeholders.apply(configuration));
        switch (namespace.getString(ACTION)) {
            case "migrate" -> {
                var result = migrations.migrate();
                System.out.printf("Applied %d migration(s); schema version %s%n",
                        result.migrationsExecuted, migrations.current());
            }
            case "info" -> System.out.println(migrations.describe());
            case "repair" -> System.out.println("Schema history repaired: " + migrations.repair());
            case "baseline" -> System.out.println("Schema history " + migrations.baseline(namespace.getString("version")));
            case "validate" -> {
                migrations.validate();
                System.out.println("Schema history is valid; version " + migrations.current());
            }
            default -> throw new IllegalArgumentException("unknown db action");
        }
    }
}
