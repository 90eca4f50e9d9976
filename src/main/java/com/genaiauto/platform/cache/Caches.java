package com.genaiauto.platform.cache;

import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskFailure;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskParameter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The service's caches by kind, so the operator has one switch for all of them:
 * {@code POST /tasks/cache-flush?kind=all|<kind>} (kinds: llm_response, embedding, ...). Modules
 * register a flush that returns how many entries it removed.
 */
public final class Caches {

    private final Map<String, LongSupplier> flushes = new ConcurrentHashMap<>();
    private final AuditLog audit;

    public Caches(AuditLog audit) {
        this.audit = audit;
    }

    public void register(String kind, LongSupplier flush) {
        flushes.put(kind, flush);
    }

    public AdminTask flushTask() {
        return new AdminTask("cache-flush", "Empties the service's caches, all of them or one kind.",
                TaskParameter.optional("kind", "all (the default) or one cache's name")) {
            @Override
            protected void run(TaskInput input, PrintWriter output) {
                String given = input.text("kind").toLowerCase(Locale.ROOT);
                String kind = given.isEmpty() ? "all" : given;
                if (!kind.equals("all") && !flushes.containsKey(kind)) {
                    throw TaskFailure.invalid("pass kind=all or one of " + String.join(", ", new TreeMap<>(flushes).keySet()));
                }
                Map<String, Long> removed = new TreeMap<>();
                new TreeMap<>(flushes).forEach((name, flush) -> {
                    if (kind.equals("all") || kind.equals(name)) {
                        removed.put(name, flush.getAsLong());
                    }
                });
                audit.record(AuditEvent.of("cache.flushed").byLabel("admin-task").with(Map.of("kind", kind,
                        "removed", removed)));
                removed.forEach((name, count) -> output.println("removed " + count + " " + name + " entries"));
            }
        };
    }
}
