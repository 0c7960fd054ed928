package nemo.mqtt.monitor.feed;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.service.mqtt.PemSource;

/**
 * What the SmallRye MQTT connector starts the monitor's subscription ({@code mp.messaging.incoming.nemo})
 * from, named by its {@code client-options-name}: the encryption the bridge uses too
 * ({@link MqttOptions#encryption}: BoringSSL where it loads, forward-secret AEAD suites), which the
 * connector has no settings for. The connector merges its own settings into these (host, port,
 * client id, TLS on, reconnect delay, limits) but never the hostname verification, and the TLS
 * material only under keys that are not its documented ones ({@code ssl-truststore-location} for
 * {@code ssl.truststore.location}; smallrye-reactive-messaging-mqtt 4.33), which only environment
 * variables happen to reach. So those are set here from the documented properties, as the connector
 * reads them for type {@code pem}: the truststore is the CA file, the keystore the certificate file
 * and its "password" the key file; the verification is {@code HTTPS}, {@code LDAPS}, or {@code NONE}
 * for none (the connector's default).
 */
@ApplicationScoped
public class BrokerClientOptions {

    /** The bean's {@link Identifier}, as application.properties names it. */
    public static final String NAME = "nemo-broker";

    private static final String SSL = "mp.messaging.incoming.nemo.ssl.";

    @Produces
    @Identifier(NAME)
    MqttClientSessionOptions options(
            @ConfigProperty(name = SSL + "hostname-verification-algorithm", defaultValue = "NONE")
                    String hostnameVerification,
            @ConfigProperty(name = SSL + "truststore.location") Optional<String> ca,
            @ConfigProperty(name = SSL + "keystore.location") Optional<String> cert,
            @ConfigProperty(name = SSL + "keystore.password") Optional<String> key) {
        MqttClientSessionOptions options = MqttOptions.encryption(new MqttClientSessionOptions());
        options.setHostnameVerificationAlgorithm("NONE".equals(hostnameVerification) ? "" : hostnameVerification);
        ca.ifPresent(file -> options.setTrustOptions(MqttOptions.trust(PemSource.file(file))));
        MqttOptions.clientCertificate(file(cert), file(key)).ifPresent(options::setKeyCertOptions);
        return options;
    }

    private static PemSource file(Optional<String> path) {
        return path.map(PemSource::file).orElse(PemSource.NONE);
    }
}
