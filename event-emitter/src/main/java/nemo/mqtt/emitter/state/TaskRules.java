package nemo.mqtt.emitter.state;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import nemo.mqtt.emitter.event.ToolEventDraft;

/**
 * Problems (NEMO tasks) as what their events say happened: a task with a {@code task_id} is open
 * from its task_created until its task_resolved, whatever order they arrive in, so a resolution
 * that overtook its creation leaves no problem behind. Events without a task_id are counted, as
 * before (a resolution closes one). The last {@value #RESOLVED_KEPT} resolved ids are remembered.
 */
final class TaskRules {

    static final int RESOLVED_KEPT = 50;

    private TaskRules() {}

    static void created(ToolState s, ToolEventDraft e) {
        Long task = e.taskId();
        if (task != null) {
            Set<Long> open = ids(s.openTaskIds);
            if (ids(s.resolvedTaskIds).contains(task)) {
                s.warning = "task_created of task " + task + " arrived after its task_resolved: state unchanged";
                return;
            }
            if (!open.add(task)) {
                updated(s, e); // created again (another source): nothing opens twice
                return;
            }
            s.openTaskIds = join(open);
        }
        s.openProblems++;
        s.problemNote = e.note();
    }

    static void updated(ToolState s, ToolEventDraft e) {
        boolean resolved = e.taskId() != null && ids(s.resolvedTaskIds).contains(e.taskId());
        if (e.note() != null && !resolved) {
            s.problemNote = e.note();
        }
    }

    static void resolved(ToolState s, ToolEventDraft e) {
        Long task = e.taskId();
        if (task != null) {
            Set<Long> resolved = ids(s.resolvedTaskIds);
            resolved.add(task);
            while (resolved.size() > RESOLVED_KEPT) {
                resolved.remove(resolved.iterator().next());
            }
            s.resolvedTaskIds = join(resolved);
            Set<Long> open = ids(s.openTaskIds);
            if (!open.remove(task)) {
                return; // not open: resolved again, or before its creation arrived
            }
            s.openTaskIds = join(open);
        }
        s.openProblems = Math.max(0, s.openProblems - 1);
        if (s.openProblems == 0) {
            s.problemNote = null;
        }
    }

    private static Set<Long> ids(String joined) {
        return joined == null || joined.isEmpty()
                ? new LinkedHashSet<>()
                : Arrays.stream(joined.split(","))
                        .map(Long::valueOf)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String join(Set<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
