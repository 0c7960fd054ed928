package nemo.mqtt.monitor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;

/** The PEM checks the settings form runs, without a server: good material passes, each kind of bad one is named. */
class PemTest {

    private static String ca;
    private static String cert;
    private static String key;

    @BeforeAll
    static void readDevPki() throws Exception {
        ca = Files.readString(DevCerts.shared().ca());
        cert = Files.readString(DevCerts.shared().cert("bridge"));
        key = Files.readString(DevCerts.shared().key("bridge"));
    }

    @Test
    void certificatesAndChainsPass() {
        assertNull(Pem.certificateProblem(ca));
        assertNull(Pem.certificateProblem(cert));
        assertNull(Pem.certificateProblem(cert + ca), "a chain: several certificates in one field");
    }

    @Test
    void aCertificateFieldWithoutTheMarkerSaysWhatItExpected() {
        assertEquals(
                "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)", Pem.certificateProblem("hello"));
        assertEquals(
                "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)",
                Pem.certificateProblem(key),
                "a key pasted into the certificate field");
    }

    @Test
    void aDamagedCertificateCannotBeRead() {
        String damaged = cert.replaceFirst("(-----BEGIN CERTIFICATE-----\\n)(.{20})", "$1" + "A".repeat(20));
        assertEquals("could not be read as a certificate", Pem.certificateProblem(damaged));
        assertEquals(
                "could not be read as a certificate",
                Pem.certificateProblem("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void unencryptedKeysPassInEachFormTheBridgeLoads() {
        assertNull(Pem.privateKeyProblem(key));
        String body = key.substring(key.indexOf('\n') + 1, key.indexOf("-----END"));
        assertNull(Pem.privateKeyProblem("-----BEGIN EC PRIVATE KEY-----\n" + body + "-----END EC PRIVATE KEY-----\n"));
        assertNull(
                Pem.privateKeyProblem("-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n"));
    }

    @Test
    void aKeyFieldWithoutTheMarkerSaysWhatItExpected() {
        assertEquals(
                "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)",
                Pem.privateKeyProblem(cert),
                "a certificate pasted into the key field");
        assertEquals(
                "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)", Pem.privateKeyProblem("secret"));
    }

    @Test
    void anEncryptedKeyIsRefusedAskingForOneWithoutPassphrase() {
        assertEquals(
                "is encrypted; give the key without a passphrase",
                Pem.privateKeyProblem(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"));
    }

    @Test
    void badBase64BetweenTheMarkersIsNamed() {
        assertEquals(
                "is not valid base64 inside the PEM markers",
                Pem.privateKeyProblem("-----BEGIN PRIVATE KEY-----\nMIIB=A\n-----END PRIVATE KEY-----\n"));
    }
}
