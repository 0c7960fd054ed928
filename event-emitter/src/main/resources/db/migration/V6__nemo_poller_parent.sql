-- NEMO's parent_tool of each tool: a child's usages are reported under its parent.
alter table nemo_poller_tool add column parent_tool_id bigint;
