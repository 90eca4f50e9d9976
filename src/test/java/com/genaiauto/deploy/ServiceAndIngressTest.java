package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.all;
import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.apiPods;
import static com.genaiauto.deploy.K8sResources.migrationPods;
import static com.genaiauto.deploy.K8sResources.service;
import static com.genaiauto.deploy.ServiceFacts.resourcePaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.conversations.resource.ChatResource;
import com.genaiauto.deploy.ServiceFacts.NginxConf;
import com.genaiauto.platform.metrics.MetricsResource;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Service and the Ingresses of {@code deploy/k8s/}: the Service sends to the API's application
 * port only, every Ingress path goes to it over TLS, and the Ingresses route, time out, buffer,
 * rate-limit and admit as nginx.conf's locations do.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): Service, Ingress and nginx.conf")
class ServiceAndIngressTest {

    private static final String NGINX = "nginx.ingress.kubernetes.io/";

    record Route(Ingress ingress, HTTPIngressPath path) {
        String annotation(String name) {
            return Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of()).get(NGINX + name);
        }
    }

    /** The Ingress path the controller picks for a request path: Exact first, then the longest Prefix. */
    private Route route(String requestPath) {
        List<Route> routes = new ArrayList<>();
        for (Ingress ingress : all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                rule.getHttp().getPaths().forEach(path -> routes.add(new Route(ingress, path)));
            }
        }
        return routes.stream().filter(route -> route.path().getPathType().equals("Exact")
                        && route.path().getPath().equals(requestPath)).findFirst()
                .or(() -> routes.stream().filter(route -> route.path().getPathType().equals("Prefix"))
                        .filter(route -> prefixMatches(route.path().getPath(), requestPath))
                        .max(Comparator.comparingInt(route -> route.path().getPath().length())))
                .orElseThrow(() -> new AssertionError("no Ingress routes " + requestPath));
    }

    private boolean prefixMatches(String prefix, String requestPath) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || requestPath.equals(trimmed) || requestPath.startsWith(trimmed + "/");
    }

    @Test
    void shouldSelectTheApiPodsAndTargetTheirApplicationPort() {
        Service service = service();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(K8sManifests.selects(service.getSpec().getSelector(), apiPods().getMetadata().getLabels()))
                .as("the Service selects the Deployment's pods").isTrue();
        assertThat(K8sManifests.selects(service.getSpec().getSelector(), migrationPods().getMetadata().getLabels()))
                .as("the Service must not send traffic to the migration Job").isFalse();
        for (ServicePort port : service.getSpec().getPorts()) {
            Optional<ContainerPort> target = K8sManifests.resolve(port.getTargetPort(), apiContainer().getPorts());
            assertThat(target).as("target of Service port %s", port.getName()).isPresent();
            assertThat(target.get().getName()).as("the admin port is not a Service's").isEqualTo("http");
        }
    }

    @Test
    void shouldSendEveryIngressPathToTheServiceOverTls() {
        Service service = service();
        for (Ingress ingress : all(Ingress.class)) {
            String where = "Ingress " + ingress.getMetadata().getName();
            assertThat(ingress.getSpec().getIngressClassName()).as(where).isEqualTo("nginx");
            Set<String> hosts = new TreeSet<>();
            for (IngressRule rule : ingress.getSpec().getRules()) {
                hosts.add(rule.getHost());
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    IngressServiceBackend backend = path.getBackend().getService();
                    assertThat(backend.getName()).as(where).isEqualTo(service.getMetadata().getName());
                    var port = backend.getPort();
                    assertThat(service.getSpec().getPorts()).as("%s %s port", where, path.getPath())
                            .anyMatch(p -> Objects.equals(p.getName(), port.getName()) && port.getName() != null
                                    || Objects.equals(p.getPort(), port.getNumber()));
                }
            }
            List<IngressTLS> tls = ingress.getSpec().getTls();
            assertThat(tls).as(where).isNotEmpty();
            assertThat(tls.stream().flatMap(entry -> entry.getHosts().stream()).toList()).as(where).containsAll(hosts);
            assertThat(tls).allSatisfy(entry -> assertThat(entry.getSecretName()).as(where).isNotBlank());
        }
    }

    @Test
    void shouldLimitRequestBodiesLikeNginxConf() throws IOException {
        String size = NginxConf.read().clientMaxBodySize();
        for (Ingress ingress : all(Ingress.class)) {
            assertThat(ingress.getMetadata().getAnnotations()).as("Ingress %s", ingress.getMetadata().getName())
                    .containsEntry(NGINX + "proxy-body-size", size);
        }
    }

    @Test
    void shouldMirrorEveryLocationOfNginxConf() throws IOException {
        NginxConf nginx = NginxConf.read();
        assertThat(nginx.locations()).hasSizeGreaterThanOrEqualTo(5);
        for (NginxConf.Location location : nginx.locations()) {
            Route route = route(location.path());
            String where = "nginx.conf location " + location.path() + " -> Ingress "
                    + route.ingress().getMetadata().getName();
            assertThat(route.path().getPath()).as(where).isEqualTo(location.path());
            assertThat(route.path().getPathType()).as(where).isEqualTo(location.exact() ? "Exact" : "Prefix");
            location.directive("proxy_read_timeout").ifPresent(timeout ->
                    assertThat(route.annotation("proxy-read-timeout")).as(where).isEqualTo(seconds(timeout)));
            location.directive("proxy_send_timeout").ifPresent(timeout ->
                    assertThat(route.annotation("proxy-send-timeout")).as(where).isEqualTo(seconds(timeout)));
            assertThat(Objects.equals(route.annotation("proxy-buffering"), "off")).as("%s: buffering off", where)
                    .isEqualTo(location.directive("proxy_buffering").filter("off"::equals).isPresent());
            Optional<String> zone = location.directive("limit_req").map(value -> value.replaceAll(".*zone=(\\w+).*", "$1"));
            if (zone.isPresent()) {
                NginxConf.Rate rate = nginx.rates().get(zone.get());
                assertThat(route.annotation(rate.perMinute() ? "limit-rpm" : "limit-rps")).as(where)
                        .isEqualTo(String.valueOf(rate.amount()));
            } else {
                assertThat(route.annotation("limit-rps")).as(where).isNull();
                assertThat(route.annotation("limit-rpm")).as(where).isNull();
            }
            List<String> allowed = location.all("allow");
            if (!allowed.isEmpty()) {
                String ranges = route.annotation("whitelist-source-range");
                assertThat(ranges).as("%s admits private networks only", where).isNotBlank();
                assertThat(ranges.split(",")).as(where).isSubsetOf(allowed);
            } else {
                assertThat(route.annotation("whitelist-source-range")).as(where).isNull();
            }
        }
    }

    @Test
    void shouldKeepTheChatSocketOpenForAnHourAndStreamAnswersUnbuffered() throws IOException {
        String module = Files.readString(java.nio.file.Path.of(
                "src/main/java/com/genaiauto/conversations/ConversationsModule.java"));
        Matcher mapping = Pattern.compile("addServlet\\(\"chat-socket\"[\\s\\S]*?addMapping\\(\"(/[^\"*]*)\\*\"\\)")
                .matcher(module);
        assertThat(mapping.find()).as("the chat socket's servlet mapping").isTrue();
        Route socket = route(mapping.group(1) + "a-session-id");
        assertThat(Integer.parseInt(socket.annotation("proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(socket.annotation("proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);

        Route stream = route(resourcePaths(ChatResource.class).values().stream()
                .filter(path -> path.endsWith("/stream")).findFirst().orElseThrow());
        assertThat(stream.annotation("proxy-buffering")).isEqualTo("off");
        Route metrics = route(MetricsResource.class.getAnnotation(Path.class).value());
        assertThat(metrics.annotation("whitelist-source-range")).doesNotContain("0.0.0.0/0");
    }

    private static String seconds(String nginxDuration) {
        Matcher matcher = Pattern.compile("^(\\d+)s?$").matcher(nginxDuration);
        assertThat(matcher.matches()).as("an nginx duration in seconds: %s", nginxDuration).isTrue();
        return matcher.group(1);
    }
}
