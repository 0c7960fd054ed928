-- What the retained messages looked like when they were last all published: a SHA-256 fingerprint of
-- the signing key, topic prefix, display time zone and payload form (never the key itself). A start
-- that finds another one publishes every tool's retained messages again (FormChangeCheck); null
-- (first start after this migration) does too, which fills the new display topic for every tool.
create table emitter_form (
    id          smallint primary key check (id = 1),
    fingerprint varchar(64),
    updated_at  timestamptz not null
);
insert into emitter_form (id, fingerprint, updated_at) values (1, null, now());
