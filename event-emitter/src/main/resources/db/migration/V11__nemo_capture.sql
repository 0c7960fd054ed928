-- Change data capture of NEMO's PostgreSQL (nemo.mqtt.emitter.nemo.capture): the replication
-- position, committed in the same transaction as the events it produced, and what the capture
-- already turned into events (NEMO's UPDATEs rewrite whole rows; a DELETE carries only the id).

-- One row per engine name: the Kafka Connect offset (partition key and offset as the engine's JSON).
create table nemo_capture_offset (
    name           text primary key,
    partition_key  bytea       not null,
    offset_value   bytea       not null,
    updated_at     timestamptz not null
);

-- NEMO's users, for the names on every event.
create table nemo_capture_user (
    user_id    bigint primary key,
    name       varchar(300) not null,
    updated_at timestamptz  not null
);

-- NEMO's tools: names, the parent of a child tool, and the shutdown last reported (with its cause).
create table nemo_capture_tool (
    tool_id        bigint primary key,
    name           varchar(200),
    parent_tool_id bigint,
    category       varchar(1024),
    operational    boolean     not null,
    shutdown_cause varchar(100),
    updated_at     timestamptz not null
);

create table nemo_capture_usage (
    usage_id   bigint primary key,
    tool_id    bigint      not null,
    ended      boolean     not null,
    updated_at timestamptz not null
);

create table nemo_capture_task (
    task_id        bigint primary key,
    tool_id        bigint      not null,
    open           boolean     not null,
    force_shutdown boolean     not null,
    last_updated   timestamptz,
    description    text,
    updated_at     timestamptz not null
);
create index nemo_capture_task_open on nemo_capture_task (tool_id) where open;

create table nemo_capture_reservation (
    reservation_id bigint primary key,
    tool_id        bigint      not null,
    start_time     timestamptz not null,
    end_time       timestamptz not null,
    cancelled      boolean     not null,
    updated_at     timestamptz not null
);

-- Scheduled outages of a tool: started/ended as the clock passed start and end.
create table nemo_capture_outage (
    outage_id  bigint primary key,
    tool_id    bigint       not null,
    title      varchar(200),
    start_time timestamptz  not null,
    end_time   timestamptz  not null,
    started    boolean      not null,
    ended      boolean      not null,
    updated_at timestamptz  not null
);
create index nemo_capture_outage_pending on nemo_capture_outage (start_time) where not ended;
