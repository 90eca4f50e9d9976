package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.explicitEnv;
import static com.genaiauto.deploy.K8sResources.job;
import static com.genaiauto.deploy.K8sResources.migrationContainer;
import static com.genaiauto.deploy.ServiceFacts.dockerfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.util.List;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The migration Job in {@code deploy/k8s/}: it runs the service's {@code db migrate} command the
 * way the image runs the server, with the pods' settings, once.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): the migration Job")
class MigrationJobTest {

    @Test
    void shouldRunTheServicesDbMigrateCommandLikeTheImageRunsTheServer() throws Exception {
        List<String> command = migrationContainer().getCommand();
        assertThat(command).hasSize(3).startsWith("sh", "-c");
        List<String> entrypoint = dockerfile().entrypoint();
        assertThat(entrypoint).hasSize(3).startsWith("sh", "-c");
        String jar = dockerfile().jar();
        String script = command.get(2);
        String serverScript = entrypoint.get(2);
        assertThat(serverScript).contains(jar);
        assertThat(script).as("the same java invocation as the image's entrypoint")
                .startsWith(serverScript.substring(0, serverScript.indexOf(jar) + jar.length()) + " ");
        String[] arguments = script.substring(script.indexOf(jar) + jar.length()).trim().split("\\s+");
        assertThat(arguments).containsExactly("db", "migrate", dockerfile().configFile());

        // The arguments parse with the service's own command, as the jar's CLI would.
        GenAiAutoApplication application = new GenAiAutoApplication();
        Bootstrap<GenAiAutoConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        Command db = bootstrap.getCommands().stream().filter(c -> c.getName().equals(arguments[0])).findFirst()
                .orElseThrow(() -> new AssertionError("the service has no command " + arguments[0]));
        ArgumentParser parser = ArgumentParsers.newFor("genai-auto").build();
        Subparser subparser = parser.addSubparsers().addParser(db.getName());
        db.configure(subparser);
        var parsed = parser.parseArgs(arguments);
        assertThat(parsed.getString("action")).isEqualTo("migrate");
        assertThat(parsed.getString("file")).isEqualTo(dockerfile().configFile());
    }

    @Test
    void shouldReadTheSameSettingsAsThePodsAndMigrateOnce() {
        assertThat(migrationContainer().getEnvFrom()).isEqualTo(apiContainer().getEnvFrom());
        assertThat(explicitEnv(migrationContainer(), "MIGRATE_ON_START")).contains("true");
        var spec = job().getSpec();
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isIn("Never", "OnFailure");
        assertThat(spec.getBackoffLimit()).isBetween(0, 5);
        assertThat(spec.getActiveDeadlineSeconds()).as("a hung migration ends").isPositive();
    }
}
