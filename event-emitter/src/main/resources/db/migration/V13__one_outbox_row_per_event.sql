-- Issue 16: one outbox row per event (or refresh), carrying every message it causes in publishing
-- order (its own topic, the retained status and display form, the next reservation), where there was
-- one row per message: a third of the rows to insert, relay and mark sent. Rows written before keep
-- their one message each (and, when sent, where they went); the relay reads both alike.
-- Rewrites the table under its lock: see the README, "Upgrading to schema V13".
alter table outbox add column topics text[], add column payloads text[], add column retains boolean[];
update outbox set topics = array[topic::text], payloads = array[payload], retains = array[retain];
alter table outbox
    alter column topics set not null,
    alter column payloads set not null,
    alter column retains set not null,
    drop column topic,
    drop column payload,
    drop column retain,
    -- a malformed row would stop the relay at it for good (it relays in id order)
    add constraint outbox_messages check (
        cardinality(topics) > 0
        and cardinality(payloads) = cardinality(topics)
        and cardinality(retains) = cardinality(topics)
        and array_position(topics, null) is null
        and array_position(payloads, null) is null
        and array_position(retains, null) is null);
