package nemo.mqtt.e2e;

import static nemo.mqtt.e2e.Manifests.SERVICES;
import static nemo.mqtt.e2e.Manifests.env;
import static nemo.mqtt.e2e.Manifests.name;
import static nemo.mqtt.e2e.Manifests.named;
import static nemo.mqtt.e2e.Manifests.ofKind;
import static nemo.mqtt.e2e.Manifests.render;
import static nemo.mqtt.e2e.Manifests.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay with kustomize (kubectl kustomize) and checks its workloads and their secrets. */
class KubernetesManifestsTest {

    /** What each of our services' containers declares, by JSON pointer: Quarkus' health probes, the shared config. */
    private static final Map<String, String> SERVICE_CONTAINER = Map.of(
            "/startupProbe/httpGet/path", "/q/health/started",
            "/readinessProbe/httpGet/path", "/q/health/ready",
            "/livenessProbe/httpGet/path", "/q/health/live",
            "/envFrom/0/configMapRef/name", "nemo-mqtt-config");
    /** Its pod's annotations ("~1" is a "/" in a key): Prometheus scrapes Quarkus' metrics. */
    private static final Map<String, String> SERVICE_ANNOTATIONS =
            Map.of("/prometheus.io~1scrape", "true", "/prometheus.io~1path", "/q/metrics");

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everyWorkloadIsProbedBoundedAndLockedDown(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> workloads = ofKind(docs, "Deployment", "StatefulSet");
        assertTrue(workloads.stream().map(Manifests::name).toList().containsAll(SERVICES));
        for (JsonNode workload : workloads) {
            String name = name(workload);
            JsonNode pod = workload.at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " runs as non-root");
            for (JsonNode container : pod.get("containers")) {
                String where = name + "/" + container.get("name").asText();
                assertFalse(container.at("/livenessProbe").isMissingNode(), where + " liveness probe");
                assertFalse(container.at("/readinessProbe").isMissingNode(), where + " readiness probe");
                for (String resource : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    assertFalse(container.at("/resources/" + resource).isMissingNode(), where + " " + resource);
                }
                assertFalse(
                        container
                                .at("/securityContext/allowPrivilegeEscalation")
                                .asBoolean(true),
                        where);
                assertTrue(
                        container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), where + " read-only root");
                assertEquals(
                        "ALL",
                        container.at("/securityContext/capabilities/drop/0").asText(),
                        where + " drops capabilities");
                if (SERVICES.contains(name)) {
                    assertValues(SERVICE_CONTAINER, container, where);
                    assertValues(SERVICE_ANNOTATIONS, workload.at("/spec/template/metadata/annotations"), where);
                }
            }
        }
    }

    /** Asserts that {@code node} has each expected value at its JSON pointer. */
    private static void assertValues(Map<String, String> expected, JsonNode node, String where) {
        expected.forEach(
                (pointer, value) -> assertEquals(value, node.at(pointer).asText(), where + " " + pointer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void secretsAreReferencedNeverInlinedAndTlsIsMountedAsFiles(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertTrue(ofKind(docs, "Secret").isEmpty(), "no Secret is committed; operators create them");
        for (String client : List.of("mqtt-bridge", "monitor-ui")) {
            JsonNode pod = workload(docs, client).at("/spec/template/spec");
            assertTrue(
                    StreamSupport.stream(pod.get("volumes").spliterator(), false)
                            .anyMatch(v -> "nemo-mqtt-tls"
                                    .equals(v.at("/secret/secretName").asText())),
                    client + " mounts TLS");
        }
        JsonNode emitter = workload(docs, "event-emitter").at("/spec/template/spec/containers/0/env");
        assertTrue(
                StreamSupport.stream(emitter.spliterator(), false)
                        .anyMatch(e -> "nemo-mqtt-secrets"
                                        .equals(e.at("/valueFrom/secretKeyRef/name")
                                                .asText())
                                && e.get("name").asText().startsWith("NEMO_EMITTER_API_TOKENS_")),
                "API token from a Secret");
        JsonNode config = named(docs, "ConfigMap", "nemo-mqtt-config");
        config.get("data")
                .fieldNames()
                .forEachRemaining(key -> assertFalse(
                        key.contains("PASSWORD") && !key.contains("KEYSTORE") || key.contains("TOKEN"),
                        "no secret in the ConfigMap: " + key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void theMonitorSharesItsSessionKeyAcrossReplicasAndProductionSignsInWithOidc(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Map<String, JsonNode> env = env(docs, "monitor-ui");
        assertEquals(
                "nemo-mqtt-secrets",
                env.get("NEMO_MONITOR_SESSION_KEY")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText(),
                "every replica decrypts every replica's session cookie: one key, from the Secret");
        assertEquals(
                "nemo-mqtt-secrets",
                env.get("QUARKUS_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText());
        boolean oidc = env.containsKey("QUARKUS_OIDC_TENANT_ENABLED")
                && env.get("QUARKUS_OIDC_TENANT_ENABLED").get("value").asText().equals("true");
        assertEquals(overlay.equals("production"), oidc, "OIDC in production, form login elsewhere");
        if (oidc) {
            assertEquals(
                    "code",
                    env.get("QUARKUS_HTTP_AUTH_PERMISSION_PAGES_AUTH_MECHANISM")
                            .get("value")
                            .asText());
        }
    }
}
