-- Each tool's current state, changed in the transaction of the event that changed it.
create table tool_state (
    tool_id              bigint primary key,
    tool_name            varchar(200),
    parent_tool_id       bigint,
    category             varchar(200),
    in_use               boolean      not null default false,
    usage_id             bigint,
    user_name            varchar(200),
    operator_name        varchar(200),
    in_use_since         timestamptz,
    delayed_logoff_until timestamptz,
    shutdown             boolean      not null default false,
    shutdown_note        varchar(2000),
    outage               boolean      not null default false,
    outage_note          varchar(2000),
    open_problems        integer      not null default 0,
    problem_note         varchar(2000),
    warning              varchar(500),
    state                varchar(32)  not null,
    state_since          timestamptz  not null,
    last_seq             bigint       not null,
    updated_at           timestamptz  not null
);

create index tool_event_by_tool on tool_event (tool_id, id);
