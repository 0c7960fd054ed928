package nemo.mqtt.emitter.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;

/** The configured API tokens; a presented token is compared with each in constant time. */
@ApplicationScoped
public class ApiTokens {

    private static final Logger LOG = Logger.getLogger(ApiTokens.class);

    private record Named(String name, byte[] token) {}

    private final List<Named> tokens;

    ApiTokens(EmitterConfig config) {
        this.tokens = config.apiTokens().entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> new Named(e.getKey(), e.getValue().strip().getBytes(StandardCharsets.UTF_8)))
                .toList();
        if (tokens.isEmpty()) {
            LOG.warn("No API token is configured (nemo.emitter.api-tokens.<name>): every event will be refused");
        } else {
            LOG.infof(
                    "API tokens configured: %s",
                    tokens.stream().map(Named::name).toList());
        }
    }

    /** The name of the token that matches, if any. Every configured token is compared, so timing tells nothing. */
    public Optional<String> identify(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Named named : tokens) {
            if (MessageDigest.isEqual(named.token(), candidate) && match == null) {
                match = named.name();
            }
        }
        return Optional.ofNullable(match);
    }
}
