package nemo.mqtt.monitor.settings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks PEM text before it is stored or announced, so a bridge never receives material it cannot load. */
final class Pem {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN (EC |RSA |ENCRYPTED )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (EC |RSA |ENCRYPTED )?PRIVATE KEY-----");

    private Pem() {}

    /** Null when {@code text} holds at least one X.509 certificate, else what is wrong. */
    static String certificateProblem(String text) {
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            return "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)";
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? "holds no certificate" : null;
        } catch (CertificateException | IllegalArgumentException e) {
            return "could not be read as a certificate";
        }
    }

    /** Null when {@code text} is an unencrypted PEM private key (PKCS#8, EC or RSA), else what is wrong. */
    static String privateKeyProblem(String text) {
        Matcher key = PRIVATE_KEY.matcher(text);
        if (!key.find()) {
            return "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)";
        }
        if ("ENCRYPTED ".equals(key.group(1))) {
            return "is encrypted; give the key without a passphrase";
        }
        try {
            Base64.getMimeDecoder().decode(key.group(2).replaceAll("\\s", ""));
            return null;
        } catch (IllegalArgumentException e) {
            return "is not valid base64 inside the PEM markers";
        }
    }
}
