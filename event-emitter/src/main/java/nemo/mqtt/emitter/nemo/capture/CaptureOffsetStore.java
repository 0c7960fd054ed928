package nemo.mqtt.emitter.nemo.capture;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * The engine's offset store, backed by {@code nemo_capture_offset} in the emitter's PostgreSQL.
 * The row is written by {@link CaptureBatches} in the transaction of the events it produced; the
 * engine's own writes ({@link #set}) are ignored. On each commit the Postgres connector re-reads
 * the offset from here and confirms that position to NEMO's slot, so the slot never moves past what
 * the emitter committed, and a restart resumes right after it.
 *
 * <p>The engine creates this class by name with its no-arg constructor (it is no CDI bean): the
 * emitter's DataSource is handed over through {@link #use(DataSource)} before the engine starts.
 */
public class CaptureOffsetStore implements OffsetBackingStore {

    /** The engine's name: part of the offset key, never change it. */
    static final String ENGINE_NAME = "nemo-capture";

    private static volatile DataSource dataSource;

    static void use(DataSource emitterDb) {
        dataSource = emitterDb;
    }

    private static final String WRITE = """
            insert into nemo_capture_offset (name, partition_key, offset_value, updated_at) values ($1, $2, $3, $4)
            on conflict (name) do update
            set partition_key = excluded.partition_key, offset_value = excluded.offset_value, updated_at = excluded.updated_at""";

    /** The partition key and offset as the engine serializes them (JSON without schemas). */
    record Serialized(byte[] key, byte[] value) {}

    /** Writes {@code position} as the engine's offset, in the transaction the caller holds on {@code connection}. */
    static Uni<Void> write(SqlConnection connection, Serialized position, OffsetDateTime at) {
        return connection
                .preparedQuery(WRITE)
                .execute(Tuple.of(ENGINE_NAME, Buffer.buffer(position.key()), Buffer.buffer(position.value()), at))
                .replaceWithVoid();
    }

    static Serialized serialize(Map<String, ?> partition, Map<String, ?> offset) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "false"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "false"), false);
        return new Serialized(
                keys.fromConnectData(ENGINE_NAME, null, Arrays.asList(ENGINE_NAME, partition)),
                values.fromConnectData(ENGINE_NAME, null, offset));
    }

    @Override
    public void configure(WorkerConfig config) {
        // everything comes from the emitter's datasource
    }

    @Override
    public void start() {
        if (dataSource == null) {
            throw new IllegalStateException("CaptureOffsetStore used before the capture source handed it a datasource");
        }
    }

    @Override
    public void stop() {
        // no resources of its own
    }

    /** The stored offset, for the key the engine asks for (there is one partition). */
    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select partition_key, offset_value from nemo_capture_offset where name = ?")) {
            select.setString(1, ENGINE_NAME);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    ByteBuffer key = ByteBuffer.wrap(row.getBytes(1));
                    if (keys.contains(key)) {
                        found.put(key, ByteBuffer.wrap(row.getBytes(2)));
                    }
                }
            }
        } catch (SQLException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(found);
    }

    /** Ignored: the offset was committed with its events before the engine was told they were processed. */
    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
