-- What the NEMO poller has already turned into events, so a restart emits nothing twice.
create table nemo_poller_usage (
    usage_id   bigint primary key,
    tool_id    bigint      not null,
    ended      boolean     not null default false,
    updated_at timestamptz not null
);
create index nemo_poller_usage_open on nemo_poller_usage (usage_id) where not ended;

create table nemo_poller_tool (
    tool_id     bigint primary key,
    name        varchar(200),
    operational boolean     not null,
    problematic boolean     not null,
    updated_at  timestamptz not null
);
