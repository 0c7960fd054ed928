package nemo.mqtt.e2e;

import static nemo.mqtt.e2e.Manifests.named;
import static nemo.mqtt.e2e.Manifests.ofKind;
import static nemo.mqtt.e2e.Manifests.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nemo.mqtt.testing.RepoPaths;
import nemo.mqtt.wire.RedisKeys;

/** Renders each overlay and checks the bridge's KEDA scaler (on its shards' lag) and the other autoscalers. */
class KubernetesScalingTest {

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void theBridgeScalesOnItsLagWithinTheShardCountAndSurvivesDisruptions(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode config = named(docs, "ConfigMap", "nemo-mqtt-config").get("data");
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
}
