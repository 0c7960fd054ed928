package nemo.mqtt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import nemo.mqtt.testing.RepoPaths;

/** The Kubernetes manifests of one overlay as kustomize (kubectl kustomize) renders them, and look-ups in them. */
final class Manifests {

    /** The three services' workload names. */
    static final Set<String> SERVICES = Set.of("event-emitter", "mqtt-bridge", "monitor-ui");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {}

    /** Every document of deploy/k8s/overlays/{overlay}; fails the test when kustomize does. */
    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Process kustomize = new ProcessBuilder(
                        "kubectl",
                        "kustomize",
                        RepoPaths.root()
                                .resolve("deploy/k8s/overlays/" + overlay)
                                .toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kustomize.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kustomize.exitValue(), "kustomize build of " + overlay + " failed:\n" + out);
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode doc = iterator.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        assertFalse(docs.isEmpty());
        docs.forEach(d -> {
            assertNotNull(d.get("apiVersion"), "apiVersion of " + d);
            assertFalse(name(d).isEmpty(), "name of " + d.get("kind"));
        });
        return docs;
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return docs.stream()
                .filter(d -> wanted.contains(d.path("kind").asText()))
                .toList();
    }

    /** The one document of {@code kind} named {@code name}; fails when there is none. */
    static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream()
                .filter(d -> name(d).equals(name))
                .findFirst()
                .orElseThrow();
    }

    static JsonNode workload(List<JsonNode> docs, String name) {
        return ofKind(docs, "Deployment", "StatefulSet").stream()
                .filter(w -> name(w).equals(name))
                .findFirst()
                .orElseThrow();
    }

    static String name(JsonNode doc) {
        return doc.at("/metadata/name").asText();
    }

    /** The env entries of a workload's first container by name, in their order. */
    static Map<String, JsonNode> env(List<JsonNode> docs, String workload) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        workload(docs, workload)
                .at("/spec/template/spec/containers/0/env")
                .forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    /** Whether a Kubernetes label selector (matchLabels and matchExpressions) selects {@code labels}. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        var wanted = selector.path("matchLabels").fields();
        while (wanted.hasNext()) {
            var label = wanted.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            JsonNode value = labels.path(expression.get("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean matches = switch (expression.get("operator").asText()) {
                case "In" -> !value.isMissingNode() && values.contains(value.asText());
                case "NotIn" -> value.isMissingNode() || !values.contains(value.asText());
                case "Exists" -> !value.isMissingNode();
                case "DoesNotExist" -> value.isMissingNode();
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
