package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.TestMqttClient;

/**
 * Issue 14 on the local stack (deploy/local/run.sh): only the bridge publishes on the broker, Redis and
 * PostgreSQL require passwords kept in owner-only files, data is owner-only, and the services listen
 * on loopback unless told otherwise (NEMO_BIND_ADDRESS). It only reads the stack (its one publish is on
 * a tool of its own), so it runs on the shared one: after {@link StackContractTest}, because that checks
 * everything published so far against the contract and this test's status is not a real one.
 */
@Order(5)
@OnSharedStack
class LocalStackLockdownTest {

    /** Any permission of the group or others. */
    private static final Set<PosixFilePermission> OTHERS = PosixFilePermissions.fromString("---rwxrwx");

    private static LocalStack stack;

    @BeforeAll
    static void onTheSharedStack(LocalStack shared) {
        stack = shared;
    }

    /** mosquitto_pub exits 0 even when the broker drops a denied publish: what counts is what subscribers get. */
    @Test
    void onlyTheBridgeCertificatePublishesAStatusOthersOnlyRead() {
        String topic = "nemo/tools/9901/status";
        try (TestMqttClient subscriber = TestMqttClient.display(stack.certs, stack.mqttPort)
                        .connect()
                        .subscribe("nemo/tools/9901/#");
                TestMqttClient bridge = TestMqttClient.create(
                                TestMqttClient.tlsOptions(stack.certs.ca(), stack.certs, "bridge"), stack.mqttPort)
                        .connect();
                TestMqttClient display =
                        TestMqttClient.display(stack.certs, stack.mqttPort).connect()) {
            bridge.publish(topic, "{\"state\":\"idle\",\"by\":\"bridge\"}", true);
            display.publish(topic, "{\"state\":\"shutdown\",\"by\":\"display\"}", true);
            // the broker handles one client's messages in order: once this arrives, the display's had its chance
            display.publish("nemo/tools/9901/enabled", "{\"by\":\"display\"}", false);
            bridge.publish("nemo/tools/9901/marker", "{\"by\":\"bridge\"}", false);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> subscriber.received().stream()
                            .anyMatch(m -> m.topic().endsWith("/marker")));
            assertEquals(
                    List.of("nemo/tools/9901/status", "nemo/tools/9901/marker"),
                    subscriber.received().stream()
                            .map(TestMqttClient.Received::topic)
                            .toList(),
                    "the bridge's messages only: " + subscriber.received());
            assertTrue(subscriber.received().get(0).payload().contains("bridge"));
        }
        try (TestMqttClient late =
                TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe(topic)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !late.received().isEmpty());
            assertTrue(
                    late.received().get(0).payload().contains("\"by\":\"bridge\""),
                    "the retained status is still the bridge's: " + late.received());
        }
    }

    @Test
    void secretsAndDataAreReadableByTheirOwnerOnly() throws Exception {
        for (String secret : List.of(
                "api-token", "redis-password", "postgres-password", "settings-encryption-key", "monitor.properties")) {
            assertEquals(Set.of(), others(stack.state.resolve(secret)), secret + " is mode 0600");
            assertFalse(stack.secret(secret).isBlank(), secret);
        }
        assertEquals(32, Base64.getDecoder().decode(stack.secret("settings-encryption-key")).length);
        assertFalse(
                others(stack.state).contains(PosixFilePermission.OTHERS_READ), "the state directory is not listable");
        List<Path> checked = new ArrayList<>();
        for (String dir : List.of("redis", "postgres", "mosquitto", "logs")) {
            try (Stream<Path> paths = Files.walk(stack.state.resolve(dir))) {
                paths.forEach(path -> {
                    assertEquals(Set.of(), others(path), path + " is for its owner only");
                    checked.add(path);
                });
            }
        }
        assertTrue(
                checked.stream().anyMatch(p -> p.getFileName().toString().contains(".aof")),
                "the AOF was checked: " + checked);
        assertTrue(checked.stream().anyMatch(p -> p.getFileName().toString().equals("PG_VERSION")));
    }

    @Test
    void redisRefusesCommandsWithoutThePassword() throws Exception {
        assertTrue(redis("PING").startsWith("-NOAUTH"), "without AUTH");
        assertEquals(
                "+OK",
                redis("AUTH " + stack.secret("redis-password"))
                        .lines()
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void postgresRefusesAConnectionWithoutAPassword() throws Exception {
        Result without = psql(null);
        assertTrue(without.exit() != 0 && without.output().contains("no password supplied"), without.output());
        Result wrong = psql("not-the-password");
        assertTrue(wrong.exit() != 0 && wrong.output().contains("password authentication failed"), wrong.output());
        Result with = psql(stack.secret("postgres-password"));
        assertEquals(0, with.exit(), with.output());
    }

    @Test
    void theMonitorAndTheBridgeGetTheSettingsEncryptionKeyTheEmitterDoesNot() throws Exception {
        String key = "NEMO_SETTINGS_ENCRYPTION_KEY=" + stack.secret("settings-encryption-key");
        assertTrue(environment(stack.monitorPort).contains(key));
        assertTrue(environment(stack.bridgePort).contains(key));
        assertTrue(
                environment(stack.emitterPort).stream().noneMatch(e -> e.startsWith("NEMO_SETTINGS_ENCRYPTION_KEY=")));
    }

    @Test
    void theServicesListenOnLoopbackOnly() throws Exception {
        List<InetAddress> elsewhere = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            nic.inetAddresses()
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .forEach(elsewhere::add);
        }
        for (int port : List.of(stack.monitorPort, stack.emitterPort, stack.bridgePort)) {
            List<String> listening = run(List.of("ss", "-Hltn", "sport = :" + port), null)
                    .output()
                    .lines()
                    .map(line -> line.trim().split("\\s+")[3].replace("[::ffff:127.0.0.1]", "127.0.0.1"))
                    .toList();
            assertEquals(List.of("127.0.0.1:" + port), listening, "port " + port);
            for (InetAddress address : elsewhere) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2000);
                    throw new AssertionError(address + ":" + port + " answered");
                } catch (ConnectException refused) {
                    // as it should
                }
            }
        }
        System.out.println("non-loopback addresses tried: " + elsewhere);
    }

    private static Set<PosixFilePermission> others(Path path) {
        try {
            Set<PosixFilePermission> granted = EnumSet.copyOf(Files.getPosixFilePermissions(path));
            granted.retainAll(OTHERS);
            // as root, PostgreSQL (user postgres) must pass through the state directory: x only
            if (path.equals(stack.state)) {
                granted.removeAll(EnumSet.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
            }
            return granted;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One inline command to the stack's Redis on a fresh connection; its first reply line. */
    private static String redis(String command) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.redisPort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    private record Result(int exit, String output) {}

    private static Result psql(String password) throws Exception {
        String psql = Files.exists(Path.of("/usr/bin/psql"))
                ? "/usr/bin/psql"
                : run(List.of("bash", "-c", "ls -d /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1"), null)
                        .output()
                        .strip();
        return run(
                List.of(
                        psql,
                        "-w",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(stack.postgresPort),
                        "-U",
                        "nemo",
                        "-d",
                        "nemo",
                        "-c",
                        "SELECT 1"),
                password);
    }

    private static Result run(List<String> command, String pgPassword) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PGPASSWORD");
        builder.environment()
                .put("PGPASSFILE", stack.state.resolve("no-such-pgpass").toString()); // no saved password
        if (pgPassword != null) {
            builder.environment().put("PGPASSWORD", pgPassword);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    /** The environment of the process listening on {@code port} (one of the stack's services). */
    private static List<String> environment(int port) throws Exception {
        String line = run(List.of("ss", "-Hltnp", "sport = :" + port), null).output();
        String pid = line.replaceAll("(?s).*pid=(\\d+).*", "$1");
        return List.of(
                new String(Files.readAllBytes(Path.of("/proc", pid, "environ")), StandardCharsets.UTF_8).split("\0"));
    }
}
