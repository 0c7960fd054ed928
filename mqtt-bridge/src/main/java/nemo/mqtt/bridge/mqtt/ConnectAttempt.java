package nemo.mqtt.bridge.mqtt;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;

import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * One connection attempt with given settings. It always completes, success or failure, whatever
 * throws: building the client options (the Vert.x setters throw on values they refuse, such as a
 * keep-alive of 0), creating the client, connecting, or a CONNACK that never comes. An attempt
 * that never completed would leave its caller (a trial of new settings) waiting forever, and with
 * it every later settings version and every reconnect.
 */
final class ConnectAttempt {

    /** A connection the broker accepted, and whether it still had this client's session (CONNACK). */
    record Connected(MqttClient client, boolean sessionPresent) {}

    private final Vertx vertx;
    private final Context context;
    private final String consumerName;
    private final int connectTimeoutMillis;

    ConnectAttempt(Vertx vertx, Context context, String consumerName, int connectTimeoutMillis) {
        this.vertx = vertx;
        this.context = context;
        this.consumerName = consumerName;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /**
     * @return the accepted connection (CONNACK 0), or a failure saying why not; fails at the latest
     *         after twice the connect timeout (TCP and TLS, then the CONNACK), closing a late client
     */
    Uni<Connected> connect(BrokerSettings with) {
        long limitMillis = 2L * connectTimeoutMillis + 1000;
        return Uni.createFrom()
                .emitter(emitter -> context.runOnContext(ignored -> {
                    AtomicBoolean done = new AtomicBoolean(); // the first outcome wins: a late client is closed
                    long timer = vertx.setTimer(limitMillis, t -> {
                        if (done.compareAndSet(false, true)) {
                            emitter.fail(new TimeoutException("no CONNACK within " + limitMillis + " ms"));
                        }
                    });
                    Consumer<Throwable> fail = failure -> {
                        if (done.compareAndSet(false, true)) {
                            vertx.cancelTimer(timer);
                            emitter.fail(failure);
                        }
                    };
                    try {
                        MqttClient client =
                                MqttClient.create(vertx, with.toOptions(consumerName, connectTimeoutMillis));
                        // a broker that closes before its CONNACK (a malformed CONNECT) leaves connect() pending
                        client.closeHandler(closed -> fail.accept(
                                new IllegalStateException("the broker closed the connection before its CONNACK")));
                        client.connect(with.port(), with.host()).onComplete(result -> {
                            if (result.failed()) {
                                fail.accept(result.cause());
                            } else if (result.result().code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                                fail.accept(new IllegalStateException("broker refused the connection: "
                                        + result.result().code()));
                            } else if (done.compareAndSet(false, true)) {
                                vertx.cancelTimer(timer);
                                emitter.complete(
                                        new Connected(client, result.result().isSessionPresent()));
                            } else {
                                disconnect(client); // too late: the attempt already failed
                            }
                        });
                    } catch (RuntimeException thrown) {
                        fail.accept(thrown);
                    }
                }));
    }

    /**
     * Disconnects {@code client}, completing (never failing, never throwing) once done: the client
     * throws when its connection is already gone, and a throw here must not leave an attempt open.
     */
    static Future<Void> disconnect(MqttClient client) {
        try {
            return client.disconnect().otherwiseEmpty();
        } catch (RuntimeException alreadyClosed) {
            return Future.succeededFuture();
        }
    }
}
