package nemo.mqtt.e2e;

import static nemo.mqtt.e2e.Manifests.SERVICES;
import static nemo.mqtt.e2e.Manifests.name;
import static nemo.mqtt.e2e.Manifests.named;
import static nemo.mqtt.e2e.Manifests.ofKind;
import static nemo.mqtt.e2e.Manifests.render;
import static nemo.mqtt.e2e.Manifests.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay and checks what reaches what: Ingresses, the broker's network policy and its settings. */
class KubernetesNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void ingressStreamsEventsAndOnlyBrokerClientsReachTheBroker(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode ingress = named(docs, "Ingress", "nemo-mqtt");
        JsonNode internal = named(docs, "Ingress", "nemo-mqtt-internal");
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
        JsonNode settings = named(docs, "ConfigMap", "nemo-mqtt-config");
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
        JsonNode config =
                named(render("local"), "ConfigMap", "mosquitto-config").get("data");
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
