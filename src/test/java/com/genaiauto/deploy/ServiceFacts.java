package com.genaiauto.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.GenAiAutoConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * What the service's own files say, for the manifests to agree with: config.yml (the variables it
 * reads, and the configuration a pod's environment makes of it), the Dockerfile's runtime stage,
 * nginx.conf's HTTPS locations, and the paths of the JAX-RS resources.
 */
final class ServiceFacts {

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static Dockerfile dockerfile;

    private ServiceFacts() {
    }

    /** config.yml as a pod with this environment loads it (Dropwizard's own substitution rules). */
    static GenAiAutoConfiguration configuration(Map<String, String> environment) throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        var factory = new YamlConfigurationFactory<>(GenAiAutoConfiguration.class, Validators.newValidator(), mapper, "dw");
        // The service's substitutor (GenAiAutoApplication), reading this map instead of the process's environment.
        StringSubstitutor substitutor = new EnvironmentVariableSubstitutor(false, true)
                .setVariableResolver(StringLookupFactory.INSTANCE.mapStringLookup(environment));
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor), "config.yml");
    }

    /** The variables config.yml reads (outside comments). */
    static Set<String> configurationVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(java.nio.file.Path.of("config.yml"))) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher matcher = VARIABLE.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Each GET or POST method of a JAX-RS resource class, by method name, with its full path. */
    static Map<String, String> resourcePaths(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        Map<String, String> paths = new HashMap<>();
        for (Method method : resource.getDeclaredMethods()) {
            if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)) {
                Path path = method.getAnnotation(Path.class);
                paths.put(method.getName(), path == null ? base : base.replaceAll("/$", "") + path.value());
            }
        }
        return paths;
    }

    /** The Dockerfile, read on first use. */
    static synchronized Dockerfile dockerfile() {
        if (dockerfile == null) {
            try {
                dockerfile = Dockerfile.read();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Dockerfile", e);
            }
        }
        return dockerfile;
    }

    /** What the Dockerfile's runtime stage says about the image. */
    record Dockerfile(String text) {

        static Dockerfile read() throws IOException {
            return new Dockerfile(Files.readString(java.nio.file.Path.of("Dockerfile")));
        }

        private String group(String regex) {
            Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
            assertThat(matcher.find()).as("Dockerfile matches %s", regex).isTrue();
            return matcher.group(1);
        }

        long uid() {
            return Long.parseLong(group("^ARG APP_UID=(\\d+)"));
        }

        String javaOptions() {
            return group("JAVA_OPTS=\"([^\"]*)\"");
        }

        List<String> entrypoint() throws IOException {
            return Arrays.asList(new ObjectMapper().readValue(group("^ENTRYPOINT (\\[.*\\])$"), String[].class));
        }

        Set<String> entrypointVariables() throws IOException {
            Set<String> names = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)").matcher(String.join(" ", entrypoint()));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        String jar() {
            return group("^COPY --from=build (?:--chown=\\S+ )?\\S+ (\\S+\\.jar)$");
        }

        String configFile() {
            return group("^COPY config\\.yml (\\S+)$");
        }

        Set<Integer> exposedPorts() {
            return Stream.of(group("^EXPOSE (.+)$").trim().split("\\s+")).map(Integer::valueOf)
                    .collect(Collectors.toSet());
        }
    }

    /** The locations of nginx.conf's HTTPS server and the directives each sets. */
    record NginxConf(String text, List<Location> locations) {

        record Location(String path, boolean exact, String body) {
            Optional<String> directive(String name) {
                List<String> values = all(name);
                return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
            }

            List<String> all(String name) {
                List<String> values = new ArrayList<>();
                Matcher matcher = Pattern.compile("(?m)^\\s*" + name + "\\s+([^;]+);").matcher(body);
                while (matcher.find()) {
                    values.add(matcher.group(1).trim());
                }
                return values;
            }
        }

        record Rate(int amount, boolean perMinute) {
        }

        static NginxConf read() throws IOException {
            String text = Files.readString(java.nio.file.Path.of("nginx", "nginx.conf"));
            String https = text.substring(text.indexOf("listen 443"));
            List<Location> locations = new ArrayList<>();
            Matcher start = Pattern.compile("(?m)^\\s*location\\s+(=\\s+)?(\\S+)\\s*\\{").matcher(https);
            List<int[]> bounds = new ArrayList<>();
            List<String[]> heads = new ArrayList<>();
            while (start.find()) {
                bounds.add(new int[] {start.start(), start.end()});
                heads.add(new String[] {start.group(1), start.group(2)});
            }
            for (int i = 0; i < bounds.size(); i++) {
                int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : https.length();
                String body = https.substring(bounds.get(i)[1], end);
                if (!body.contains("internal;")) {
                    locations.add(new Location(heads.get(i)[1], heads.get(i)[0] != null, body));
                }
            }
            return new NginxConf(text, locations);
        }

        String clientMaxBodySize() {
            Matcher matcher = Pattern.compile("(?m)^\\s*client_max_body_size\\s+(\\S+);").matcher(text);
            assertThat(matcher.find()).as("nginx.conf sets client_max_body_size").isTrue();
            return matcher.group(1);
        }

        Map<String, Rate> rates() {
            Map<String, Rate> rates = new HashMap<>();
            Matcher matcher = Pattern.compile("limit_req_zone\\s+\\S+\\s+zone=(\\w+):\\S+\\s+rate=(\\d+)r/([sm]);")
                    .matcher(text);
            while (matcher.find()) {
                rates.put(matcher.group(1), new Rate(Integer.parseInt(matcher.group(2)), matcher.group(3).equals("m")));
            }
            return rates;
        }
    }
}
