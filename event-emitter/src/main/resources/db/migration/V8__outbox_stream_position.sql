-- Where each sent row went in its stream: the id of the last entry its relay batch appended to that
-- stream. A Redis that comes back older (AOF without the last second, a promoted replica) is found
-- by comparing its streams' last ids with these, and the rows after that point are sent again.
alter table outbox add column stream_ms bigint, add column stream_seq bigint;
create index outbox_stream_position on outbox (stream_key, stream_ms, stream_seq) where sent_at is not null;
