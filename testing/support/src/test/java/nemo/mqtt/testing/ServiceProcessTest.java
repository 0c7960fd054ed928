package nemo.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    /**
     * A test that restarts Redis and reads at once must find its data: Redis listens before it has
     * loaded its AOF and answers LOADING until then (a restart test failed so in CI).
     */
    @Test
    void aRestartedRedisIsStartedOnlyOnceItHasLoadedItsData() throws IOException {
        try (ServiceProcess redis = ServiceProcess.redis()) {
            String value = "x".repeat(1024);
            int keys = 60_000; // about 60 MiB of AOF: loading it takes long enough to be seen
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.port());
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = socket.getOutputStream();
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < keys; i++) {
                    batch.append("SET key").append(i).append(' ').append(value).append("\r\n");
                    if (batch.length() > 1 << 20 || i == keys - 1) {
                        out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                        batch.setLength(0);
                    }
                }
                out.flush();
                for (int i = 0; i < keys; i++) {
                    assertEquals("+OK", in.readLine());
                }
            }
            redis.stop();
            redis.start();

            assertEquals(":" + keys, command(redis.port(), "DBSIZE"), "the first command after the restart");
        }
    }

    private static String command(int port, String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
