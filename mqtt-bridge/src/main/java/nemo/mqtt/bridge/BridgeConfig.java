package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the mqtt-bridge (prefix {@code nemo.bridge}). */
@ConfigMapping(prefix = "nemo.bridge")
public interface BridgeConfig {

    /** This replica's consumer name in the group and the stable part of its MQTT client id. */
    @WithDefault("${HOSTNAME:bridge-1}")
    String consumerName();

    Streams streams();

    Broker broker();

    Backoff redisBackoff();

    Lease lease();

    Settings settings();

    Heartbeat heartbeat();

    DeadLetter deadLetter();

    Retained retained();

    interface Retained {
        /**
         * Topics whose highest retained seq is remembered, so an older retained state is never
         * published after a newer one; beyond it the least recently published are forgotten.
         */
        @WithDefault("50000")
        int maxTopics();
    }

    interface Heartbeat {
        /**
         * How often this replica's status is written for monitor-ui (key: {@code StreamsConfig#heartbeatKeyPrefix}).
         * Read by {@code Heartbeat}'s {@code @Scheduled}, whose scheduler runs at most once a second.
         */
        @WithDefault("2s")
        Duration interval();
    }

    interface DeadLetter {
        /** An entry delivered this many times without a PUBACK (it keeps breaking the connection) is dead-lettered. */
        @WithDefault("5")
        int maxDeliveries();

        /** Larger payloads are dead-lettered rather than sent: brokers and displays refuse them. */
        @WithDefault("1048576")
        int maxPayloadBytes();
    }

    /** Broker settings announced by monitor-ui (at {@code StreamsConfig#settingsKey}); they override configuration. */
    interface Settings {
        /**
         * How often the announced settings are checked: a change applies within this plus a connect.
         * Read by {@code SettingsWatcher}'s {@code @Scheduled}, whose scheduler runs at most once a second.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Refused settings are tried again after this long, in case their broker was only down. */
        @WithDefault("30s")
        Duration retryRefusedAfter();
    }

    interface Lease {
        /** A shard's lease lapses this long after its owner's last renewal (the owner died or stalled). */
        @WithDefault("10s")
        Duration ttl();

        /**
         * How often leases and this replica's membership are renewed and shards rebalanced. Read by
         * {@code ShardOwnership}'s {@code @Scheduled}, whose scheduler runs at most once a second.
         */
        @WithDefault("2s")
        Duration renewInterval();

        /** On hand-off or shutdown, how long to let a shard's publishes in flight finish before letting go. */
        @WithDefault("10s")
        Duration drainTimeout();
    }

    /** How this replica reads its shard streams (their names, count and group: the shared {@code StreamsConfig}). */
    interface Streams {
        /** Entries read per XREADGROUP. */
        @WithDefault("256")
        int readCount();

        /** How long one XREADGROUP waits for new entries. */
        @WithDefault("2s")
        Duration block();

        /**
         * How often an owned shard is checked for entries this replica has held pending (delivered, not
         * acked) at least this long, which it then publishes again (PendingRecheck): an XACK lost in a
         * Redis failover would otherwise wait for the next reconnection or hand-over.
         */
        @WithDefault("10s")
        Duration pendingRecheck();
    }

    interface Broker {
        /** No default: production sets it (NEMO_BRIDGE_BROKER_HOST); dev and tests use the local stack's. */
        String host();

        /** No default, as the host. */
        int port();

        Tls tls();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("nemo-bridge-")
        String clientIdPrefix();

        @WithDefault("30")
        int keepAliveSeconds();

        /** QoS 1 publishes awaiting PUBACK, across all shards of this replica. */
        @WithDefault("256")
        int inFlightWindow();

        /**
         * The first topic levels of the stream entries (the emitter's topic prefix). Broker settings
         * may announce another prefix to publish under; then this one is replaced by it.
         */
        @WithDefault("nemo")
        String topicPrefix();

        /** Publish every entry at this QoS (0 or 1) instead of the entry's own; unset keeps the entry's. */
        Optional<Integer> qos();

        @WithDefault("10s")
        Duration connectTimeout();

        Backoff reconnect();
    }

    interface Tls {
        @WithDefault("true")
        boolean enabled();

        /** PEM file of the CA that signed the broker's certificate; no default (NEMO_BRIDGE_BROKER_TLS_CA_FILE). */
        String caFile();

        /** PEM client certificate and key presented to the broker. */
        Optional<String> certFile();

        Optional<String> keyFile();

        @WithDefault("true")
        boolean verifyHostname();
    }

    interface Backoff {
        @WithDefault("200ms")
        Duration initial();

        @WithDefault("30s")
        Duration max();

        @WithDefault("2")
        double multiplier();
    }
}
