package com.genaiauto.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every layer of an image, unpacked from {@code docker save}: what a registry would hand to anyone
 * who pulls it, deleted files included (a later layer cannot take back what an earlier one holds).
 */
final class ImageLayers {

    private static final Pattern SECRET_FILE = Pattern.compile(
            "(^|/)(\\.env(\\..*)?|stack\\.env|id_rsa|id_ed25519|.*\\.p12|privkey\\.pem|.*\\.key)$");
    /** A PEM private key on a line of its own (class files quoting the header do not match). */
    private static final String PRIVATE_KEY = "^-----BEGIN ([A-Z]+ )?PRIVATE KEY-----\r?$";

    private final Path root;

    private ImageLayers(Path root) {
        this.root = root;
    }

    static ImageLayers of(String image) throws IOException {
        Path dir = Files.createTempDirectory("image-layers-");
        Path archive = dir.resolve("image.tar");
        run(List.of("docker", "save", "-o", archive.toString(), image));
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        run(List.of("tar", "-xf", archive.toString(), "-C", unpacked.toString()));
        Files.delete(archive);
        List<Path> layers;
        try (Stream<Path> files = Files.walk(unpacked)) {
            layers = files.filter(path -> path.getFileName().toString().equals("layer.tar")
                    || path.getParent().getFileName().toString().equals("sha256")).filter(Files::isRegularFile).toList();
        }
        int n = 0;
        for (Path layer : layers) {
            Path target = Files.createDirectories(dir.resolve("layers").resolve(Integer.toString(n++)));
            // Not every blob is a layer (configs and manifests are JSON); tar refuses those.
            Processes.run(List.of("tar", "-xf", layer.toString(), "-C", target.toString(), "--no-same-owner",
                    "--no-same-permissions", "--exclude=dev/*"), null, Map.of(), Duration.ofMinutes(5));
        }
        return new ImageLayers(dir);
    }

    private static void run(List<String> command) {
        Processes.Result result = Processes.run(command, null, Map.of(), Duration.ofMinutes(5));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
    }

    /** Files whose name says secret, or whose content holds a private key or one of {@code secrets}. */
    List<String> findings(Collection<String> secrets) {
        List<String> findings = new ArrayList<>();
        String layers = root.resolve("layers").toString();
        List<String> values = new ArrayList<>(List.of("grep", "-r", "-l", "-a", "-F"));
        secrets.forEach(secret -> values.addAll(List.of("-e", secret)));
        values.add(layers);
        for (List<String> grep : List.of(values, List.of("grep", "-r", "-l", "-a", "-E", PRIVATE_KEY, layers))) {
            Processes.run(grep, null, Map.of(), Duration.ofMinutes(5)).output().lines()
                    .filter(line -> !line.isBlank()).forEach(findings::add);
        }
        try (Stream<Path> files = Files.walk(root.resolve("layers"))) {
            files.filter(Files::isRegularFile).map(path -> root.relativize(path).toString())
                    .filter(path -> SECRET_FILE.matcher(path).find()).forEach(findings::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Processes.run(List.of("rm", "-rf", root.toString()));
        }
        return findings;
    }
}
