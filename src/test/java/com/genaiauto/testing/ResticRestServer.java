package com.genaiauto.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A restic REST server ({@code rclone serve restic}, Debian's {@code rclone} package) on a free
 * loopback port, keeping the repository's files in a directory the test can look into; the
 * remote end of an off-machine backup. Stopped by {@link #stop()}.
 */
public final class ResticRestServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;

    private ResticRestServer(Process process, int port, Path directory, Path log) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.log = log;
    }

    /** Serves an empty directory: the repository does not exist until restic init creates it. */
    public static ResticRestServer start() throws IOException {
        Path directory = Files.createTempDirectory("restic-remote-");
        Path log = Files.createTempFile("rclone-", ".log");
        // An empty configuration: rclone reads nothing of the machine's own.
        Path config = Files.createTempFile("rclone-", ".conf");
        int port = FreePorts.find();
        Process process = new ProcessBuilder("rclone", "serve", "restic", "--config", config.toString(),
                "--addr", "127.0.0.1:" + port, directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ResticRestServer server = new ResticRestServer(process, port, directory, log);
        server.awaitListening();
        return server;
    }

    /** The repository as RESTIC_REPOSITORY names it. */
    public String repository() {
        return "rest:http://127.0.0.1:" + port + "/";
    }

    /** Where the server keeps the repository's files. */
    public Path directory() {
        return directory;
    }

    public void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rclone serve restic exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("rclone serve restic did not listen on " + port + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
