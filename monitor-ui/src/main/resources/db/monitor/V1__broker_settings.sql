-- Broker settings the bridges should use, saved from the settings page, and who changed them when.
CREATE TABLE broker_settings (
    id                 BIGINT PRIMARY KEY CHECK (id = 1),
    version            BIGINT NOT NULL,
    host               TEXT NOT NULL,
    port               INTEGER NOT NULL,
    tls                BOOLEAN NOT NULL,
    ca_pem             TEXT,
    client_cert_pem    TEXT,
    client_key_pem     TEXT,
    verify_hostname    BOOLEAN NOT NULL,
    username           TEXT,
    password           TEXT,
    client_id_prefix   TEXT NOT NULL,
    keep_alive_seconds INTEGER NOT NULL,
    qos                INTEGER,
    in_flight_window   INTEGER NOT NULL,
    topic_prefix       TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE broker_settings_change (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version        BIGINT NOT NULL,
    changed_by     TEXT NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    changed_fields TEXT NOT NULL
);
CREATE INDEX broker_settings_change_at ON broker_settings_change (changed_at DESC);
