-- Issue 16: the group commit writes the states of tools it holds in memory in one round trip, on the
-- condition that no other transaction changed their rows since (EventWrites, ToolStateRows#Version).
-- The statement calls this with how many rows it updated and how many it meant to: when they differ,
-- another writer came first (another emitter, the NEMO poller, a refresh) and the statement fails with
-- serialization_failure, so the transaction stores nothing and the emitter reads the rows and retries.
create function tool_states_unchanged(updated bigint, expected integer) returns boolean
    language plpgsql volatile as $$
begin
    if updated <> expected then
        raise exception 'tool_state changed since the emitter read it: % of % rows unchanged', updated, expected
            using errcode = 'serialization_failure';
    end if;
    return true;
end
$$;
