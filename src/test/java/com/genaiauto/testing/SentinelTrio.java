package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Three real {@code redis-sentinel} processes watching one primary, with a quorum of two and a
 * one-second down-after, as the HA overlay runs them. Their config files are their own to rewrite.
 */
public final class SentinelTrio implements AfterAllCallback {

    private final String master;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private SentinelTrio(String master) {
        this.master = master;
    }

    public static SentinelTrio watching(String master, int primaryPort, String password) {
        SentinelTrio trio = new SentinelTrio(master);
        try {
            Path dir = Files.createTempDirectory("sentinels-");
            for (int port : FreePorts.distinct(3)) {
                Path config = dir.resolve("sentinel-" + port + ".conf");
                Files.writeString(config, String.join("\n",
                        "port " + port, "bind 127.0.0.1", "daemonize no", "dir " + dir,
                        "sentinel monitor " + master + " 127.0.0.1 " + primaryPort + " 2",
                        "sentinel auth-pass " + master + " " + password,
                        "sentinel down-after-milliseconds " + master + " 1000",
                        "sentinel failover-timeout " + master + " 10000",
                        "sentinel parallel-syncs " + master + " 1", ""));
                Path log = dir.resolve("sentinel-" + port + ".log");
                Process process = new ProcessBuilder(sentinelCommand(config)).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                trio.logs.add(log);
                trio.ports.add(port);
                trio.processes.add(process);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-sentinel (run scripts/provision first)", e);
        }
        return trio;
    }

    private static List<String> sentinelCommand(Path config) {
        if (Files.isExecutable(Path.of("/usr/bin/redis-sentinel"))) {
            return List.of("/usr/bin/redis-sentinel", config.toString());
        }
        return List.of("redis-server", config.toString(), "--sentinel");
    }

    /** What the Sentinels printed so far (their events), for a failing test to show. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                text.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            } catch (IOException e) {
                text.append("== ").append(log.getFileName()).append(": unreadable\n");
            }
        }
        return text.toString();
    }

    /** REDIS_URL for the service: every Sentinel, the database and the master's name. */
    public String url() {
        return "redis-sentinel://" + ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","))
                + "/0#" + master;
    }

    /** {@code SENTINEL <arguments…>} on the first Sentinel that answers. */
    public String ask(String... arguments) {
        for (int port : ports) {
            List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port), "--no-raw",
                    "sentinel"));
            command.addAll(List.of(arguments));
            Processes.Result result = Processes.run(command, null, Map.of(), Duration.ofSeconds(10));
            if (result.succeeded() && !result.output().isBlank()) {
                return result.output();
            }
        }
        return "";
    }

    /** The port of the primary the Sentinels agree on now. */
    public int primaryPort() {
        List<String> address = ask("get-master-addr-by-name", master).lines()
                .map(line -> line.replaceAll("^\\d+\\) ", "").replace("\"", "").strip()).toList();
        return address.size() == 2 ? Integer.parseInt(address.get(1)) : -1;
    }

    /** Waits until each Sentinel knows the replica and the other two, so that a failover can start. */
    public void awaitTopology(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ports.stream().allMatch(this::sees)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(ports).as("sentinels that see one replica and two other sentinels").allMatch(this::sees);
    }

    private boolean sees(int port) {
        String info = Processes.run(List.of("redis-cli", "-p", Integer.toString(port), "info", "sentinel"), null,
                Map.of(), Duration.ofSeconds(10)).output();
        return info.contains("slaves=1,sentinels=3");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!OuterClassOnly.isNested(context)) {
            processes.forEach(Processes::stop);
        }
    }
}
