package com.genaiauto.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.genaiauto.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .github/workflows/}: every workflow is valid for GitHub (checked by GitHub's own
 * workflow parser, {@code src/test/js/validate-workflow.mjs}), every {@code run:} script is valid
 * bash, and the delivery workflow calls only scripts that exist.
 */
@DisplayName("Delivery workflow (.github/workflows)")
class DeliveryWorkflowTest {

    static final Path WORKFLOWS = Path.of(".github", "workflows");
    static final Path DELIVERY = WORKFLOWS.resolve("delivery.yml");
    static final Path VALIDATOR = Path.of("src", "test", "js", "validate-workflow.mjs").toAbsolutePath();
    /** Called on the production VM's checkout; written on another branch, checked once it is here. */
    static final String DEPLOY_SCRIPT = "scripts/deploy";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/.-])(scripts/[A-Za-z0-9._-]+)");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode delivery;

    @BeforeAll
    static void read() throws IOException {
        delivery = YAML.readTree(DELIVERY.toFile());
    }

    record RunStep(String workflow, String job, int index, String script) {
        String where() {
            return workflow + " job " + job + " step " + index;
        }
    }

    private static List<Path> workflows() throws IOException {
        try (var files = Files.list(WORKFLOWS)) {
            return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    private static List<RunStep> runSteps() throws IOException {
        List<RunStep> steps = new ArrayList<>();
        for (Path workflow : workflows()) {
            JsonNode root = YAML.readTree(workflow.toFile());
            for (var job : iterable(root.path("jobs").fields())) {
                int index = 0;
                for (JsonNode step : job.getValue().path("steps")) {
                    if (step.has("run")) {
                        steps.add(new RunStep(workflow.getFileName().toString(), job.getKey(), index,
                                step.path("run").asText()));
                    }
                    index++;
                }
            }
        }
        return steps;
    }

    private static Processes.Result validate(String... files) {
        assertThat(VALIDATOR.getParent().resolve("node_modules").resolve("@actions").resolve("workflow-parser"))
                .as("npm @actions/workflow-parser is installed (npm ci --prefix src/test/js, as scripts/provision does)")
                .isDirectory();
        List<String> command = new ArrayList<>(List.of("node", VALIDATOR.toString()));
        command.addAll(List.of(files));
        return Processes.run(command, null, Map.of(), Duration.ofMinutes(1));
    }

    private static Processes.Result bashSyntax(Path script) {
        return Processes.run(List.of("bash", "-n", script.toString()));
    }

    @Nested
    @DisplayName("GitHub's workflow schema")
    class Schema {

        @Test
        void shouldAcceptEveryWorkflowOfTheRepository() throws IOException {
            Processes.Result result = validate();
            assertThat(result.exitCode()).as(result.output()).isZero();
            for (Path workflow : workflows()) {
                assertThat(result.output()).contains(WORKFLOWS.resolve(workflow.getFileName()) + ": valid");
            }
        }

        @Test
        void shouldRejectAWorkflowWithAnUnknownKeyOrAnUnclosedExpression(@TempDir Path dir) throws IOException {
            String valid = Files.readString(DELIVERY);
            Path unknownKey = dir.resolve("unknown-key.yml");
            Files.writeString(unknownKey, valid.replaceFirst("runs-on:", "run-on:"));
            Processes.Result result = validate(unknownKey.toString());
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("unknown-key.yml").contains("Unexpected value 'run-on'");

            Path unclosed = dir.resolve("unclosed.yml");
            Files.writeString(unclosed, valid.replaceFirst("\\$\\{\\{ steps\\.meta\\.outputs\\.version }}",
                    "\\${{ steps.meta.outputs.version"));
            result = validate(unclosed.toString());
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("The expression is not closed");
        }

        @Test
        void shouldRejectAJobThatNeedsAJobThatDoesNotExist(@TempDir Path dir) throws IOException {
            Path workflow = dir.resolve("needs.yml");
            Files.writeString(workflow, """
                    name: needs
                    on: push
                    jobs:
                      first:
                        runs-on: ubuntu-24.04
                        steps:
                          - run: echo first
                      second:
                        needs: [frist]
                        runs-on: ubuntu-24.04
                        steps:
                          - run: echo second
                    """);
            Processes.Result result = validate(workflow.toString());
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("frist");
        }
    }

    @Nested
    @DisplayName("run: scripts")
    class RunScripts {

        @Test
        void shouldBeValidBash(@TempDir Path dir) throws IOException {
            List<RunStep> steps = runSteps();
            assertThat(steps).hasSizeGreaterThanOrEqualTo(5);
            for (RunStep step : steps) {
                Path script = dir.resolve(step.job() + "-" + step.index() + ".sh");
                // GitHub replaces expressions before bash sees the script.
                Files.writeString(script, EXPRESSION.matcher(step.script()).replaceAll("expression"));
                Processes.Result result = bashSyntax(script);
                assertThat(result.exitCode()).as("%s: %s", step.where(), result.output()).isZero();
            }
            Path broken = dir.resolve("broken.sh");
            Files.writeString(broken, "if [ -n \"$VERSION\" ]; then\n  echo \"$VERSION\"\n");
            assertThat(bashSyntax(broken).exitCode()).as("bash -n finds a missing fi").isNotZero();
        }

        @Test
        void shouldTakeExpressionsThroughTheEnvironmentOnly() throws IOException {
            // An expression pasted into a script is a script injection (a tag name, a branch name).
            for (RunStep step : runSteps()) {
                assertThat(step.script()).as(step.where()).doesNotContain("${{");
            }
        }

        @Test
        void shouldCallOnlyScriptsOfTheRepository() throws IOException {
            Set<String> called = calledScripts();
            assertThat(called).contains("scripts/test", DEPLOY_SCRIPT);
            for (String script : called) {
                if (!script.equals(DEPLOY_SCRIPT)) {
                    assertThat(Path.of(script)).as("called by a workflow").isRegularFile();
                }
            }
        }

        @Test
        void shouldCallTheDeployScriptOnceItIsInTheRepository() throws IOException {
            assertThat(calledScripts()).contains(DEPLOY_SCRIPT);
            assumeTrue(Files.exists(Path.of(DEPLOY_SCRIPT)), DEPLOY_SCRIPT + " is not in this tree yet");
            assertThat(Path.of(DEPLOY_SCRIPT)).isRegularFile();
            Processes.Result result = bashSyntax(Path.of(DEPLOY_SCRIPT));
            assertThat(result.exitCode()).as(result.output()).isZero();
        }

        private Set<String> calledScripts() throws IOException {
            Set<String> scripts = new TreeSet<>();
            for (RunStep step : runSteps()) {
                Matcher matcher = SCRIPT.matcher(step.script());
                while (matcher.find()) {
                    scripts.add(matcher.group(1));
                }
            }
            return scripts;
        }
    }

    @Nested
    @DisplayName("delivery.yml")
    class Delivery {

        @Test
        void shouldRunOnMainPullRequestsAndReleaseTags() {
            JsonNode on = delivery.path("on");
            assertThat(on.path("push").path("branches").toString()).isEqualTo("[\"main\"]");
            assertThat(on.path("push").path("tags").toString()).isEqualTo("[\"v*\"]");
            assertThat(on.path("pull_request").path("branches").toString()).isEqualTo("[\"main\"]");
            assertThat(delivery.path("permissions").path("contents").asText()).isEqualTo("read");
        }

        @Test
        void shouldTestAgainstPostgresWithPgvectorAndRedisWithJdk17() {
            JsonNode job = delivery.path("jobs").path("build-and-test");
            assertThat(job.path("services").path("postgres").path("image").asText()).startsWith("pgvector/pgvector:");
            assertThat(job.path("services").path("redis").path("image").asText()).startsWith("redis:");
            assertThat(job.path("steps").findValuesAsText("java-version")).containsExactly("17");
            assertThat(job.path("steps").findValuesAsText("run")).anyMatch(run -> run.contains("bash scripts/test"));
        }

        @Test
        void shouldScanTheImageAndPushItForAReleaseTagOnly() {
            JsonNode job = delivery.path("jobs").path("image");
            assertThat(job.path("needs").asText()).isEqualTo("build-and-test");
            JsonNode scan = step(job, "aquasecurity/trivy-action@");
            assertThat(scan.path("with").path("severity").asText()).isEqualTo("HIGH,CRITICAL");
            assertThat(scan.path("with").path("exit-code").asText()).isEqualTo("1");
            assertThat(job.path("steps").findValuesAsText("run"))
                    .anyMatch(run -> run.contains("IMAGE=ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/genai-auto"));
            assertThat(step(job, "docker/metadata-action@").path("with").path("images").asText())
                    .isEqualTo("${{ env.IMAGE }}");
            JsonNode build = step(job, "docker/build-push-action@");
            assertThat(build.path("with").path("push").asBoolean(true)).isFalse();
            assertThat(build.path("with").path("labels").asText()).contains("steps.meta.outputs.labels");
            for (JsonNode step : job.path("steps")) {
                boolean publishes = step.path("uses").asText().startsWith("docker/login-action@")
                        || step.path("run").asText().contains("docker push");
                if (publishes) {
                    assertThat(step.path("if").asText()).as(step.toString())
                            .isEqualTo("startsWith(github.ref, 'refs/tags/v')");
                }
            }
            assertThat(job.path("permissions").path("packages").asText()).isEqualTo("write");
        }

        @Test
        void shouldDeployAReleaseTagToProductionAfterTheImage() {
            JsonNode job = delivery.path("jobs").path("deploy");
            assertThat(job.path("if").asText()).isEqualTo("startsWith(github.ref, 'refs/tags/v')");
            assertThat(job.path("needs").toString()).contains("\"image\"", "\"build-and-test\"");
            assertThat(job.path("environment").asText()).isEqualTo("production");
            assertThat(job.path("concurrency").path("cancel-in-progress").asBoolean(true)).isFalse();
            String script = job.path("steps").findValuesAsText("run").stream()
                    .filter(run -> run.contains(DEPLOY_SCRIPT)).findFirst().orElseThrow();
            assertThat(script).contains("bash " + DEPLOY_SCRIPT + " $(printf %q \"$VERSION\")")
                    .contains("StrictHostKeyChecking=yes");
        }

        @Test
        void shouldPinEveryActionByVersionAndThirdPartyOnesByCommit() {
            List<String> uses = delivery.path("jobs").findValuesAsText("uses");
            assertThat(uses).hasSizeGreaterThanOrEqualTo(8);
            for (String action : uses) {
                assertThat(action).as("pinned").matches(".+@(v\\d+(\\.\\d+){0,2}|[0-9a-f]{40})");
                if (!action.startsWith("actions/") && !action.startsWith("docker/")) {
                    assertThat(action).as("a third-party action pinned by commit").matches(".+@[0-9a-f]{40}");
                }
            }
        }

        private JsonNode step(JsonNode job, String usesPrefix) {
            for (JsonNode step : job.path("steps")) {
                if (step.path("uses").asText().startsWith(usesPrefix)) {
                    return step;
                }
            }
            throw new AssertionError("no step uses " + usesPrefix);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> items) {
        return () -> items;
    }
}
