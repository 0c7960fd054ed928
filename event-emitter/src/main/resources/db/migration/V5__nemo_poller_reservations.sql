-- Upcoming NEMO reservations the poller has reported, to tell new, changed and cancelled ones apart.
create table nemo_poller_reservation (
    reservation_id bigint primary key,
    tool_id        bigint      not null,
    start_time     timestamptz not null,
    end_time       timestamptz,
    updated_at     timestamptz not null
);
