-- Issue 16: one outbox row per event (or refresh), carrying every message it causes in publishing
-- order (its own topic, the retained status and display form, the next reservation), where there was
-- one row per message: a third of the rows to insert, relay and mark sent. Rows written before keep
-- their one message each; the relay reads both alike.
alter table outbox add column topics text[], add column payloads text[], add column retains boolean[];
update outbox set topics = array[topic::text], payloads = array[payload], retains = array[retain];
alter table outbox
    alter column topics set not null,
    alter column payloads set not null,
    alter column retains set not null,
    drop column topic,
    drop column payload,
    drop column retain;
