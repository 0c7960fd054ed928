package nemo.mqtt.e2e;

import static nemo.mqtt.e2e.Manifests.name;
import static nemo.mqtt.e2e.Manifests.ofKind;
import static nemo.mqtt.e2e.Manifests.render;
import static nemo.mqtt.e2e.Manifests.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nemo.mqtt.testing.RepoPaths;
import nemo.mqtt.wire.RedisKeys;

/** Renders each overlay with kustomize (kubectl kustomize) and checks what operators rely on. */
class KubernetesManifestsTest {

    private static final Set<String> SERVICES = Set.of("event-emitter", "mqtt-bridge", "monitor-ui");

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
                    assertEquals(
                            "/q/health/started",
                            container.at("/startupProbe/httpGet/path").asText(),
                            where);
                    assertEquals(
                            "/q/health/ready",
                            container.at("/readinessProbe/httpGet/path").asText(),
                            where);
                    assertEquals(
                            "/q/health/live",
                            container.at("/livenessProbe/httpGet/path").asText(),
                            where);
                    assertEquals(
                            "nemo-mqtt-config",
                            container.at("/envFrom/0/configMapRef/name").asText(),
                            where);
                    JsonNode annotations = workload.at("/spec/template/metadata/annotations");
                    assertEquals(
                            "true", annotations.path("prometheus.io/scrape").asText(), where + " scraped");
                    assertEquals(
                            "/q/metrics", annotations.path("prometheus.io/path").asText(), where);
                }
            }
        }
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
        JsonNode config = ofKind(docs, "ConfigMap").stream()
                .filter(c -> name(c).equals("nemo-mqtt-config"))
                .findFirst()
                .orElseThrow();
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
        JsonNode container = workload(docs, "monitor-ui").at("/spec/template/spec/containers/0");
        java.util.Map<String, JsonNode> env = new java.util.HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
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

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void theBridgeScalesOnItsLagWithinTheShardCountAndSurvivesDisruptions(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode config = ofKind(docs, "ConfigMap").stream()
                .filter(c -> name(c).equals("nemo-mqtt-config"))
                .findFirst()
                .orElseThrow()
                .get("data");
        // one setting each, read by the three services (nemo.streams.*): no per-service copy that could differ
        int shards = config.path("NEMO_STREAMS_SHARDS").asInt();
        String prefix = config.path("NEMO_STREAMS_KEY_PREFIX").asText();
        assertTrue(shards > 0 && !prefix.isEmpty(), config.toString());
        List<String> perService = new ArrayList<>();
        config.fieldNames().forEachRemaining(name -> {
            if (name.matches("NEMO_(EMITTER|BRIDGE|MONITOR)_STREAMS_(SHARDS|KEY_PREFIX|GROUP)")) {
                perService.add(name);
            }
        });
        assertEquals(List.of(), perService, "the services' old names of the shared stream settings");
        JsonNode scaled = ofKind(docs, "ScaledObject").get(0);
        assertEquals("mqtt-bridge", scaled.at("/spec/scaleTargetRef/name").asText());
        assertTrue(scaled.at("/spec/maxReplicaCount").asInt() <= shards, "more replicas than shards would idle");
        List<String> streams = new ArrayList<>();
        for (JsonNode trigger : scaled.at("/spec/triggers")) {
            assertTrue(Set.of("redis-streams", "redis-sentinel-streams", "redis-cluster-streams")
                    .contains(trigger.get("type").asText()));
            assertEquals("mqtt-bridge", trigger.at("/metadata/consumerGroup").asText());
            String addressFrom = trigger.at("/metadata/addressFromEnv")
                    .asText(trigger.at("/metadata/addressesFromEnv").asText());
            assertTrue(
                    config.has(addressFrom),
                    "KEDA reads Redis's address from the ConfigMap, not a literal: " + trigger);
            streams.add(trigger.at("/metadata/stream").asText());
        }
        assertEquals(
                java.util.stream.IntStream.range(0, shards)
                        .mapToObj(s -> RedisKeys.stream(prefix, s))
                        .toList(),
                streams,
                "one trigger per shard stream, named as the services name them");
        JsonNode pdb = ofKind(docs, "PodDisruptionBudget").get(0);
        assertEquals(
                "mqtt-bridge",
                pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals(
                Set.of("event-emitter", "monitor-ui"),
                Set.copyOf(ofKind(docs, "HorizontalPodAutoscaler").stream()
                        .map(h -> h.at("/spec/scaleTargetRef/name").asText())
                        .toList()));
    }

    /** The committed scaler is what deploy/k8s/scaler.sh makes of the ConfigMap: a changed shard count needs it run. */
    @org.junit.jupiter.api.Test
    void theKedaTriggersAreGeneratedFromTheConfigMap() throws Exception {
        Process generator = new ProcessBuilder(
                        "bash", RepoPaths.root().resolve("deploy/k8s/scaler.sh").toString(), "--print")
                .redirectErrorStream(true)
                .start();
        String expected =
                new String(generator.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(generator.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, generator.exitValue(), expected);
        assertEquals(
                expected,
                java.nio.file.Files.readString(RepoPaths.root().resolve("deploy/k8s/base/mqtt-bridge-scaler.yaml")),
                "run deploy/k8s/scaler.sh after changing the shard count, key prefix or Redis kind in base/config.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void ingressStreamsEventsAndOnlyBrokerClientsReachTheBroker(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode ingress = ofKind(docs, "Ingress").stream()
                .filter(i -> name(i).equals("nemo-mqtt"))
                .findFirst()
                .orElseThrow();
        JsonNode internal = ofKind(docs, "Ingress").stream()
                .filter(i -> name(i).equals("nemo-mqtt-internal"))
                .findFirst()
                .orElseThrow();
        assertEquals("/q", internal.at("/spec/rules/0/http/paths/0/path").asText());
        assertEquals(
                ingress.at("/spec/rules/0/host").asText(),
                internal.at("/spec/rules/0/host").asText());
        assertTrue(
                internal.at("/metadata/annotations/nginx.ingress.kubernetes.io~1denylist-source-range")
                        .asText()
                        .contains("0.0.0.0/0"),
                "metrics and health are not served through the Ingress");
        assertEquals(
                "off",
                ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering")
                        .asText());
        assertTrue(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout")
                        .asInt()
                >= 3600);
        if (overlay.equals("production")) {
            assertEquals(
                    "nemo-mqtt-ingress-tls",
                    ingress.at("/spec/tls/0/secretName").asText(),
                    "HTTPS in production");
            assertEquals(
                    ingress.at("/spec/rules/0/host").asText(),
                    ingress.at("/spec/tls/0/hosts/0").asText());
            assertEquals(
                    "true",
                    ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1force-ssl-redirect")
                            .asText());
        }
        JsonNode settings = ofKind(docs, "ConfigMap").stream()
                .filter(c -> name(c).equals("nemo-mqtt-config"))
                .findFirst()
                .orElseThrow();
        // forwarded headers are believed from in-cluster proxies only (setting the list turns the check on)
        assertFalse(
                settings.at("/data/QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText().isBlank());
        assertTrue(
                settings.at("/data/QUARKUS_HTTP_PROXY_ENABLE_TRUSTED_PROXIES").isMissingNode(),
                "not a Quarkus setting (it would only be warned about as unrecognized)");
        JsonNode policy = ofKind(docs, "NetworkPolicy").stream()
                .filter(p -> p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText()
                        .equals("mosquitto"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "mosquitto",
                policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText());
        assertEquals(8883, policy.at("/spec/ingress/0/ports/0/port").asInt());
        String label = "nemo-mqtt/broker-client";
        assertEquals(
                "true",
                policy.at("/spec/ingress/0/from/0/podSelector/matchLabels")
                        .path(label)
                        .asText());
        for (String service : SERVICES) {
            boolean client = !workload(docs, service)
                    .at("/spec/template/metadata/labels")
                    .path(label)
                    .isMissingNode();
            assertEquals(!service.equals("event-emitter"), client, service + " may reach the broker: " + client);
        }
        for (JsonNode svc : ofKind(docs, "Service")) {
            String selected = svc.at("/spec/selector/app.kubernetes.io~1name").asText();
            assertTrue(
                    ofKind(docs, "Deployment", "StatefulSet").stream()
                            .anyMatch(
                                    w -> selected.equals(w.at("/spec/template/metadata/labels/app.kubernetes.io~1name")
                                            .asText())),
                    "Service " + name(svc) + " selects a workload");
        }
    }

    @org.junit.jupiter.api.Test
    void theReferenceBrokerRequiresCertificatesAndKeepsQueuedMessages() throws Exception {
        JsonNode config = ofKind(render("local"), "ConfigMap").stream()
                .filter(c -> name(c).equals("mosquitto-config"))
                .findFirst()
                .orElseThrow()
                .get("data");
        String conf = config.get("mosquitto.conf").asText();
        assertTrue(conf.contains("require_certificate true"));
        assertTrue(conf.contains("allow_anonymous false"));
        int queued = Integer.parseInt(conf.replaceAll("(?s).*max_queued_messages (\\d+).*", "$1"));
        assertTrue(queued > 1000, "above Mosquitto's default, which drops QoS 1 messages for slow subscribers");
        String acl = config.get("acl").asText();
        assertTrue(acl.contains("user nemo-bridge\ntopic write nemo/#"));
        assertTrue(acl.contains("pattern read nemo/#"));
        assertFalse(acl.contains("pattern write"), "only the bridge writes");
    }
}
