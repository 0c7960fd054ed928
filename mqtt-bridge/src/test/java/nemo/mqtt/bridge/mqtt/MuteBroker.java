package nemo.mqtt.bridge.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback port where a connection succeeds at TCP level but no broker answers: it either stays
 * silent (no CONNACK ever) or closes each connection once its CONNECT arrives.
 */
final class MuteBroker implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread closer;

    private MuteBroker(boolean closeAfterConnect) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closer = closeAfterConnect ? new Thread(this::closeEachAfterConnect, "mute-broker") : null;
        if (closer != null) {
            closer.start();
        }
    }

    /** Accepts connections (the operating system does) and never answers. */
    static MuteBroker silent() {
        return new MuteBroker(false);
    }

    /** Reads the first bytes of each connection (the CONNECT) and closes it without a CONNACK. */
    static MuteBroker closingAfterConnect() {
        return new MuteBroker(true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void closeEachAfterConnect() {
        while (!socket.isClosed()) {
            try (Socket accepted = socket.accept()) {
                accepted.getInputStream().read();
            } catch (IOException closed) {
                // this port is closed, or the client went first: either way the connection is over
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (closer != null) {
            closer.join(5000);
        }
    }
}
