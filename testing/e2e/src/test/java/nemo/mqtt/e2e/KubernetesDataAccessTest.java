package nemo.mqtt.e2e;

import static nemo.mqtt.e2e.Manifests.env;
import static nemo.mqtt.e2e.Manifests.name;
import static nemo.mqtt.e2e.Manifests.ofKind;
import static nemo.mqtt.e2e.Manifests.render;
import static nemo.mqtt.e2e.Manifests.selects;
import static nemo.mqtt.e2e.Manifests.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nemo.mqtt.testing.RepoPaths;

/**
 * Issue 14 in the Kubernetes manifests: Redis requires a password the services take from the Secret,
 * the settings encryption key reaches the monitor and the bridge, and only the services that use
 * Redis and PostgreSQL reach them.
 */
class KubernetesDataAccessTest {

    private static final String SECRET = "nemo-mqtt-secrets";

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everyRedisClientAuthenticatesWithThePasswordFromTheSecret(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        for (String service : List.of("event-emitter", "mqtt-bridge", "monitor-ui")) {
            List<String> names = new ArrayList<>(env(docs, service).keySet());
            Map<String, JsonNode> env = env(docs, service);
            assertEquals("redis-password", fromSecret(env.get("REDIS_PASSWORD")), service);
            assertEquals(
                    "redis://:$(REDIS_PASSWORD)@redis:6379",
                    env.get("QUARKUS_REDIS_HOSTS").get("value").asText(),
                    service);
            // Kubernetes expands $(VAR) only from variables defined before it
            assertTrue(names.indexOf("REDIS_PASSWORD") < names.indexOf("QUARKUS_REDIS_HOSTS"), service);
        }
        JsonNode config = ofKind(docs, "ConfigMap").stream()
                .filter(c -> name(c).equals("nemo-mqtt-config"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                config.at("/data/QUARKUS_REDIS_HOSTS").isMissingNode(), "no password-less Redis address left behind");
        for (JsonNode trigger : ofKind(docs, "ScaledObject").get(0).at("/spec/triggers")) {
            assertEquals(
                    "REDIS_PASSWORD", trigger.at("/metadata/passwordFromEnv").asText(), "KEDA authenticates too");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void theMonitorAndTheBridgeShareTheSettingsEncryptionKeyFromTheSecret(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        for (String service : List.of("mqtt-bridge", "monitor-ui")) {
            assertEquals(
                    "settings-encryption-key",
                    fromSecret(env(docs, service).get("NEMO_SETTINGS_ENCRYPTION_KEY")),
                    service);
        }
        assertFalse(
                env(docs, "event-emitter").containsKey("NEMO_SETTINGS_ENCRYPTION_KEY"), "the emitter never sees it");
    }

    @Test
    void theReferenceRedisRequiresThePassword() throws Exception {
        JsonNode redis = workload(render("local"), "redis").at("/spec/template/spec/containers/0");
        StringBuilder command = new StringBuilder();
        redis.get("command").forEach(part -> command.append(part.asText()).append(' '));
        redis.get("args").forEach(part -> command.append(part.asText()).append(' '));
        assertTrue(command.toString().contains("--requirepass \"$REDISCLI_AUTH\""), command.toString());
        assertTrue(command.toString().contains("--appendonly yes"), "AOF stays on: " + command);
        JsonNode auth = null;
        for (JsonNode e : redis.get("env")) {
            auth = e.get("name").asText().equals("REDISCLI_AUTH") ? e : auth;
        }
        assertEquals(
                "redis-password", fromSecret(auth), "the server and its probe (redis-cli) use the Secret's password");
    }

    @Test
    void onlyTheServicesThatUseRedisAndPostgresReachThem() throws Exception {
        List<JsonNode> docs = render("local");
        assertEquals(Set.of("event-emitter", "mqtt-bridge", "monitor-ui"), admittedPods(docs, "redis", 6379));
        assertEquals(Set.of("event-emitter", "monitor-ui"), admittedPods(docs, "postgres", 5432));
    }

    @Test
    void everyKeyOfTheSecretIsDocumented() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (String overlay : List.of("production", "local")) {
            for (JsonNode workload : ofKind(render(overlay), "Deployment", "StatefulSet")) {
                workload.at("/spec/template/spec/containers")
                        .forEach(c -> c.path("env").forEach(e -> {
                            if (SECRET.equals(
                                    e.at("/valueFrom/secretKeyRef/name").asText())) {
                                keys.add(e.at("/valueFrom/secretKeyRef/key").asText());
                            }
                        }));
            }
        }
        assertTrue(keys.containsAll(Set.of("redis-password", "settings-encryption-key")), keys.toString());
        String readme = Files.readString(RepoPaths.root().resolve("README.md"));
        String config = Files.readString(RepoPaths.root().resolve("deploy/k8s/base/config.yaml"));
        for (String key : keys) {
            assertTrue(readme.contains("`" + key + "`"), key + " in the README's Secret list");
            assertTrue(config.contains(key), key + " in base/config.yaml's list of Secrets");
        }
    }

    /** The workloads whose pods a NetworkPolicy on {@code target} admits to {@code port}; the policy must exist. */
    private static Set<String> admittedPods(List<JsonNode> docs, String target, int port) {
        List<JsonNode> policies = ofKind(docs, "NetworkPolicy").stream()
                .filter(p -> p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText()
                        .equals(target))
                .toList();
        assertEquals(1, policies.size(), "one NetworkPolicy for " + target);
        JsonNode spec = policies.get(0).get("spec");
        assertTrue(spec.get("policyTypes").toString().contains("Ingress"));
        Set<String> admitted = new TreeSet<>();
        for (JsonNode rule : spec.get("ingress")) {
            assertEquals(port, rule.at("/ports/0/port").asInt(), target + " only on its port");
            for (JsonNode peer : rule.get("from")) {
                assertTrue(peer.has("podSelector"), "pods, never all of an address range: " + peer);
                if (peer.has("namespaceSelector")) {
                    continue; // another namespace's pods (KEDA's operator), none of this overlay's workloads
                }
                for (JsonNode workload : ofKind(docs, "Deployment", "StatefulSet")) {
                    if (selects(peer.get("podSelector"), workload.at("/spec/template/metadata/labels"))) {
                        admitted.add(name(workload));
                    }
                }
            }
        }
        return admitted;
    }

    private static String fromSecret(JsonNode envEntry) {
        assertTrue(envEntry != null, "missing env entry");
        assertEquals(SECRET, envEntry.at("/valueFrom/secretKeyRef/name").asText(), envEntry.toString());
        return envEntry.at("/valueFrom/secretKeyRef/key").asText();
    }
}
