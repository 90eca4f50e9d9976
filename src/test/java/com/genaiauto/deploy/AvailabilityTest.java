package com.genaiauto.deploy;

import static com.genaiauto.deploy.K8sResources.apiContainer;
import static com.genaiauto.deploy.K8sResources.apiPods;
import static com.genaiauto.deploy.K8sResources.deployment;
import static com.genaiauto.deploy.K8sResources.environment;
import static com.genaiauto.deploy.K8sResources.migrationPods;
import static com.genaiauto.deploy.K8sResources.one;
import static com.genaiauto.deploy.ServiceFacts.configuration;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Availability in {@code deploy/k8s/}: the PodDisruptionBudget lets a drain evict one API pod at
 * a time, the HorizontalPodAutoscaler scales the Deployment on CPU from two pods, and at the most
 * pods the connection pools still fit in PostgreSQL.
 */
@DisplayName("Kubernetes manifests (deploy/k8s): availability (PodDisruptionBudget, HorizontalPodAutoscaler)")
class AvailabilityTest {

    /** PostgreSQL's default max_connections, less its 3 superuser slots and room for the Job and psql. */
    private static final int DATABASE_CONNECTIONS_FOR_PODS = 90;

    @Test
    void shouldBudgetDisruptionsOfTheApiPodsOnly() {
        PodDisruptionBudget budget = one(PodDisruptionBudget.class);
        assertThat(K8sManifests.selects(budget.getSpec().getSelector(), apiPods().getMetadata().getLabels())).isTrue();
        assertThat(K8sManifests.selects(budget.getSpec().getSelector(), migrationPods().getMetadata().getLabels()))
                .isFalse();
        int minReplicas = one(HorizontalPodAutoscaler.class).getSpec().getMinReplicas();
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        assertThat(maxUnavailable == null ^ minAvailable == null).as("one of maxUnavailable, minAvailable").isTrue();
        if (maxUnavailable != null) {
            assertThat(maxUnavailable.getIntVal()).isEqualTo(1);
        } else {
            assertThat(minAvailable.getIntVal()).as("a drain can still evict a pod").isBetween(1, minReplicas - 1);
        }
    }

    @Test
    void shouldScaleTheDeploymentOnCpuFromTwoPods() {
        HorizontalPodAutoscaler autoscaler = one(HorizontalPodAutoscaler.class);
        var target = autoscaler.getSpec().getScaleTargetRef();
        assertThat(target.getApiVersion()).isEqualTo(deployment().getApiVersion());
        assertThat(target.getKind()).isEqualTo("Deployment");
        assertThat(target.getName()).isEqualTo(deployment().getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(autoscaler.getSpec().getMinReplicas());
        List<MetricSpec> metrics = autoscaler.getSpec().getMetrics();
        assertThat(metrics).anySatisfy(metric -> {
            assertThat(metric.getType()).isEqualTo("Resource");
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(40, 90);
        });
        assertThat(apiContainer().getResources().getRequests()).as("utilisation is of the CPU request")
                .containsKey("cpu");
    }

    @Test
    void shouldKeepEveryPodsConnectionPoolWithinPostgresConnections() throws Exception {
        int pool = configuration(environment(apiContainer())).getDatabase().getMaxSize();
        int pods = one(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()
                + deployment().getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
        assertThat(pods * pool).as("%d pods x DB_POOL_MAX %d", pods, pool)
                .isLessThanOrEqualTo(DATABASE_CONNECTIONS_FOR_PODS);
    }
}
