-- Reservations as reported, to know each tool's next one.
create table tool_reservation (
    reservation_id bigint primary key,
    tool_id        bigint       not null,
    user_name      varchar(200),
    start_time     timestamptz,
    end_time       timestamptz,
    cancelled      boolean      not null default false,
    updated_at     timestamptz  not null
);
create index tool_reservation_upcoming on tool_reservation (tool_id, start_time) where not cancelled;

-- The next reservation last published on nemo/tools/{id}/next (none: all null).
alter table tool_state add column next_reservation_id bigint;
alter table tool_state add column next_reservation_user varchar(200);
alter table tool_state add column next_reservation_start timestamptz;
alter table tool_state add column next_reservation_end timestamptz;
