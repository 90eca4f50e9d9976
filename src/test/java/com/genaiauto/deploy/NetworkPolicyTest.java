package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.all;
import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.apiPods;
import static com.genaiauto.deploy.K8sResources.configMap;
import static com.genaiauto.deploy.K8sResources.migrationPods;
import static com.genaiauto.deploy.K8sResources.secretValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.platform.db.DatabaseUrl;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies of {@code deploy/k8s/}: one for the API's pods, which admits only the
 * ingress controller and monitoring to the application port and lets the pods reach DNS,
 * PostgreSQL, Redis Sentinel and HTTPS providers; one for the migration Job, which reaches only
 * DNS and PostgreSQL.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): NetworkPolicy")
class NetworkPolicyTest {

    private NetworkPolicy policyFor(PodTemplateSpec pods) {
        List<NetworkPolicy> policies = all(NetworkPolicy.class).stream()
                .filter(policy -> K8sManifests.selects(policy.getSpec().getPodSelector(), pods.getMetadata().getLabels()))
                .toList();
        assertThat(policies).as("policies selecting %s", pods.getMetadata().getLabels()).hasSize(1);
        NetworkPolicy policy = policies.get(0);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        return policy;
    }

    private Set<Integer> egressPorts(NetworkPolicy policy, String protocol) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            for (NetworkPolicyPort port : rule.getPorts()) {
                if (protocol.equals(Optional.ofNullable(port.getProtocol()).orElse("TCP"))) {
                    ports.add(port.getPort().getIntVal());
                }
            }
        }
        return ports;
    }

    @Test
    void shouldAdmitOnlyTheIngressControllerAndMonitoringToTheApplicationPort() {
        NetworkPolicy policy = policyFor(apiPods());
        Set<String> namespaces = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertThat(rule.getFrom()).as("an open ingress rule").isNotEmpty();
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchLabels()).containsKey("kubernetes.io/metadata.name");
                namespaces.add(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
            }
            assertThat(rule.getPorts()).as("an ingress rule without ports opens every port").isNotEmpty();
            for (NetworkPolicyPort port : rule.getPorts()) {
                Optional<ContainerPort> target = K8sManifests.resolve(port.getPort(), apiContainer().getPorts());
                assertThat(target).as("port %s", port.getPort()).isPresent();
                assertThat(target.get().getName()).as("metrics and traffic share the application port")
                        .isEqualTo("http");
            }
        }
        assertThat(namespaces).containsExactlyInAnyOrder("ingress-nginx", "monitoring");
    }

    @Test
    void shouldLetTheApiReachDnsPostgresRedisAndHttpsProviders() {
        NetworkPolicy policy = policyFor(apiPods());
        Set<Integer> tcp = egressPorts(policy, "TCP");
        assertThat(egressPorts(policy, "UDP")).contains(53);
        assertThat(tcp).contains(53, 443, databasePort());
        RedisURI redis = RedisURI.create(secretValues().get("REDIS_URL"));
        redis.getSentinels().forEach(sentinel -> assertThat(tcp).as("Sentinel %s", sentinel).contains(sentinel.getPort()));
        assertThat(tcp).as("the Redis master that Sentinel names").contains(RedisURI.DEFAULT_REDIS_PORT);
    }

    @Test
    void shouldLetTheJobReachOnlyDnsAndPostgres() {
        NetworkPolicy policy = policyFor(migrationPods());
        assertThat(policy.getSpec().getIngress()).as("nothing calls the Job").isEmpty();
        assertThat(egressPorts(policy, "TCP")).containsExactlyInAnyOrder(53, databasePort());
        assertThat(egressPorts(policy, "UDP")).containsExactly(53);
    }

    private int databasePort() {
        String jdbc = DatabaseUrl.parse(configMap().getData().get("DATABASE_URL")).jdbcUrl();
        Matcher port = Pattern.compile("^jdbc:postgresql://[^/:]+(?::(\\d+))?/").matcher(jdbc);
        assertThat(port.find()).as(jdbc).isTrue();
        return port.group(1) == null ? 5432 : Integer.parseInt(port.group(1));
    }
}
