-- Issue 12: the NEMO poller reads tasks, scheduled outages and tool categories, and remembers when
-- it last read NEMO successfully (to warn when it may have missed runs).
alter table nemo_poller_tool add column category varchar(1024);
-- what a shutdown's events are named after: task:<id> of the shutdown task, or the instant NEMO recorded it
alter table nemo_poller_tool add column shutdown_cause varchar(100);

-- Open NEMO tasks (problems) the poller has reported, by the root tool they show on.
create table nemo_poller_task (
    task_id      bigint primary key,
    tool_id      bigint      not null,
    last_updated timestamptz,
    updated_at   timestamptz not null
);

-- NEMO scheduled outages in effect that the poller has reported as started.
create table nemo_poller_outage (
    outage_id  bigint primary key,
    tool_id    bigint      not null,
    updated_at timestamptz not null
);

-- One row: when the poller last read NEMO's state successfully.
create table nemo_poller_progress (
    id           integer primary key,
    last_success timestamptz not null
);
