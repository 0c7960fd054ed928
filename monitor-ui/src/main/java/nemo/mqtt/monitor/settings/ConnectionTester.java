package nemo.mqtt.monitor.settings;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import nemo.mqtt.monitor.MonitorConfig;
import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.service.mqtt.PemSource;

/**
 * "Test connection": a real TLS handshake and MQTT CONNECT with the entered settings, then a clean
 * DISCONNECT, and the failure named as an admin would look for it ("certificate not trusted",
 * "connection refused"). Certificate fields left empty fall back to the monitor's own TLS files,
 * as the bridges fall back to theirs.
 */
@ApplicationScoped
public class ConnectionTester {

    /** The outcome shown next to the button. */
    public record Result(boolean ok, String message) {}

    private final Vertx vertx;
    private final Duration timeout;
    private final Optional<String> ownCa;
    private final Optional<String> ownCert;
    private final Optional<String> ownKey;

    ConnectionTester(
            Vertx vertx,
            MonitorConfig config,
            @ConfigProperty(name = "mp.messaging.incoming.nemo.ssl.truststore.location") Optional<String> ownCa,
            @ConfigProperty(name = "mp.messaging.incoming.nemo.ssl.keystore.location") Optional<String> ownCert,
            @ConfigProperty(name = "mp.messaging.incoming.nemo.ssl.keystore.password") Optional<String> ownKey) {
        this.vertx = vertx;
        this.timeout = config.testConnectionTimeout();
        this.ownCa = ownCa;
        this.ownCert = ownCert;
        this.ownKey = ownKey;
    }

    public Uni<Result> test(BrokerSettings settings) {
        MqttClientOptions options;
        try {
            options = options(settings);
        } catch (RuntimeException unusable) {
            return Uni.createFrom()
                    .item(new Result(false, "The TLS material could not be loaded: " + unusable.getMessage()));
        }
        String address = settings.host() + ":" + settings.port();
        return Uni.createFrom()
                .<Result>emitter(emitter -> {
                    MqttClient client = MqttClient.create(vertx, options);
                    // A broker that dislikes the CONNECT may just close the socket; say so instead of waiting out the
                    // timeout.
                    client.closeHandler(
                            closed -> emitter.complete(
                                    new Result(
                                            false,
                                            "The broker at " + address
                                                    + " closed the connection during CONNECT (check the user name, password and client certificate).")));
                    // a peer that takes the TCP connection but never answers CONNECT would keep the socket
                    emitter.onTermination(() -> {
                        if (!client.isConnected()) {
                            try {
                                client.disconnect();
                            } catch (RuntimeException alreadyClosed) {
                                // nothing open to close
                            }
                        }
                    });
                    client.connect(settings.port(), settings.host()).onComplete(connected -> {
                        if (connected.succeeded()) {
                            client.closeHandler(null);
                            client.disconnect();
                            emitter.complete(new Result(
                                    true,
                                    "Connected to " + address + (settings.tls() ? " over TLS" : "")
                                            + " and the broker accepted the MQTT CONNECT."));
                        } else {
                            emitter.complete(new Result(false, explain(connected.cause(), settings, address)));
                        }
                    });
                })
                .ifNoItem()
                .after(timeout.plusSeconds(1))
                .recoverWithItem(
                        new Result(false, "No answer from " + address + " within " + timeout.toSeconds() + " s."));
    }

    /** The entered settings as client options; empty certificate fields fall back to the monitor's own TLS files. */
    private MqttClientOptions options(BrokerSettings s) {
        MqttOptions options = MqttOptions.client((s.clientIdPrefix() == null ? "" : s.clientIdPrefix())
                        + "monitor-test-" + UUID.randomUUID().toString().substring(0, 8))
                .cleanSession(true)
                .keepAliveSeconds(s.keepAliveSeconds())
                .connectTimeoutMillis((int) timeout.toMillis())
                .login(Optional.ofNullable(s.username()), Optional.ofNullable(s.password()));
        if (s.tls()) {
            boolean entered = s.clientCertPem() != null && s.clientKeyPem() != null;
            options.tls(
                    s.caPem() != null ? PemSource.inline(s.caPem()) : PemSource.file(ownCa.orElse(null)),
                    entered ? PemSource.inline(s.clientCertPem()) : PemSource.file(ownCert.orElse(null)),
                    entered ? PemSource.inline(s.clientKeyPem()) : PemSource.file(ownKey.orElse(null)),
                    s.verifyHostname());
        }
        return options.build();
    }

    /** The failure in the words an admin searches for, most specific cause first. */
    static String explain(Throwable failure, BrokerSettings s, String address) {
        if (failure instanceof MqttConnectionException refused) {
            return "The broker refused the MQTT connection: " + connack(refused.code()) + ".";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Netty's connect timeout is a ConnectException too: only a refusal says "refused"
            if (cause instanceof ConnectException
                    && String.valueOf(cause.getMessage()).contains("refused")) {
                return "Connection refused: nothing is listening on " + address + ".";
            }
            if (cause instanceof UnknownHostException) {
                return "Host not found: " + s.host() + " does not resolve.";
            }
            if (cause instanceof NoRouteToHostException) {
                return "No route to " + address + ".";
            }
            if (cause instanceof TimeoutException
                    || String.valueOf(cause.getMessage()).contains("timed out")) {
                return "No answer from " + address + " in time (a firewall, a wrong port, or TLS to a plain listener).";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "Certificate not trusted: the broker's certificate is not signed by the given CA certificate.";
            }
            if (cause instanceof CertificateException
                    && String.valueOf(cause.getMessage()).contains("match")) {
                return "Certificate does not match the host: the broker's certificate is not for " + s.host() + " ("
                        + cause.getMessage() + ").";
            }
        }
        String message = deepestMessage(failure);
        if (failure instanceof SSLHandshakeException || failure.getCause() instanceof SSLHandshakeException) {
            if (message.contains("bad_certificate")
                    || message.contains("certificate_required")
                    || message.contains("unknown_ca")) {
                return "The broker refused the client certificate (" + message + ").";
            }
            return "TLS handshake failed: " + message;
        }
        if (failure instanceof SSLException || message.contains("SSL") || message.contains("ssl")) {
            return "TLS failed: " + message + (s.tls() ? " Is " + address + " a TLS listener?" : "");
        }
        if (failure instanceof ConnectException) {
            return "Could not reach " + address + ": " + message;
        }
        if (message.toLowerCase().contains("closed")) {
            return "The broker closed the connection" + (s.tls() ? "" : " (does it expect TLS?)") + ": " + message;
        }
        return "Could not connect to " + address + ": " + message;
    }

    private static String connack(MqttConnectReturnCode code) {
        return switch (code) {
            case CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD -> "bad user name or password";
            case CONNECTION_REFUSED_NOT_AUTHORIZED -> "not authorized";
            case CONNECTION_REFUSED_IDENTIFIER_REJECTED -> "client id rejected";
            case CONNECTION_REFUSED_SERVER_UNAVAILABLE -> "server unavailable";
            case CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION -> "protocol version not accepted";
            default -> code.name().toLowerCase().replace('_', ' ');
        };
    }

    private static String deepestMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
