-- What happened before, so a late event of an ended usage or a resolved task changes nothing
-- (StatePolicy), and an idle status can say who used the tool last.
alter table tool_state add column last_usage_id bigint,
    add column last_user_name varchar(200),
    add column last_used_until timestamptz,
    add column open_task_ids text,
    add column resolved_task_ids text;

-- A fingerprint of what the client sent, so the same event_id with another body is refused (422)
-- while a true retry still answers the first result. Null for rows from before, and never compared then.
alter table tool_event add column request_hash varchar(64);
