-- Each tool's seq is now handed out by bumping tool_state.last_seq, which also locks and answers the
-- state in one statement; tool_sequence (always equal, written in the same transactions) goes.
update tool_state s set last_seq = q.last_seq from tool_sequence q where q.tool_id = s.tool_id and q.last_seq > s.last_seq;
insert into tool_state (tool_id, state, state_since, last_seq, updated_at)
select q.tool_id, 'idle', now(), q.last_seq, now() from tool_sequence q
where not exists (select 1 from tool_state s where s.tool_id = q.tool_id);
drop table tool_sequence;
