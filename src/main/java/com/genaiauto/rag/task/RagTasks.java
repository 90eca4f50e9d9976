package com.genaiauto.rag.task;

import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskParameter;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.rag.service.Reindexer;
import com.genaiauto.rag.tagging.DocumentTagger;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Operator tasks of the knowledge base on the admin port. Each is idempotent and audited. */
public final class RagTasks {

    private RagTasks() {
    }

    public static List<AdminTask> all(KnowledgeBaseSeeder seeder, Reindexer reindexer, DocumentTagger tagger, AuditLog audit) {
        return List.of(new SeedTask(seeder, audit), new ReindexTask(reindexer, audit), new RetagTask(tagger));
    }

    /**
     * {@code POST /tasks/kb-retag}: reads every document whose vehicle nobody declared again, against
     * the makes and models known now (it runs by itself when an owner registers a new model).
     */
    static final class RetagTask extends AdminTask {
        private final DocumentTagger tagger;

        RetagTask(DocumentTagger tagger) {
            super("kb-retag", "Infers again the vehicle of every document nobody declared one for.");
            this.tagger = tagger;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            output.println("vehicle inference revised " + tagger.retag() + " documents");
        }
    }

    /** {@code POST /tasks/kb-seed}: loads the bundled demo knowledge base; unchanged files are skipped. */
    static final class SeedTask extends AdminTask {
        private final KnowledgeBaseSeeder seeder;
        private final AuditLog audit;

        SeedTask(KnowledgeBaseSeeder seeder, AuditLog audit) {
            super("kb-seed", "Loads the bundled demo knowledge base; unchanged files are skipped.");
            this.seeder = seeder;
            this.audit = audit;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            KnowledgeBaseSeeder.Report report = seeder.seed();
            audit.record(AuditEvent.of("rag.seeded").byLabel("admin-task").with(Map.of("created", report.created(),
                    "updated", report.updated(), "unchanged", report.unchanged())));
            output.println("knowledge base seeded: " + report);
        }
    }

    /**
     * {@code POST /tasks/kb-reindex[?all=true]}: re-embeds chunks written by another model (all
     * chunks with {@code all=true}) in the background; while it runs, calling it again (or with
     * {@code status=true}) only reports progress.
     */
    static final class ReindexTask extends AdminTask {
        private final Reindexer reindexer;
        private final AuditLog audit;

        ReindexTask(Reindexer reindexer, AuditLog audit) {
            super("kb-reindex", "Re-embeds, in the background, the chunks written by another embedding model.",
                    TaskParameter.optional("all", "true: every chunk"),
                    TaskParameter.optional("status", "true: only report progress"));
            this.reindexer = reindexer;
            this.audit = audit;
        }

        @Override
        protected void run(TaskInput input, PrintWriter output) {
            boolean all = "true".equalsIgnoreCase(input.text("all"));
            boolean statusOnly = !input.text("status").isEmpty() && !"false".equalsIgnoreCase(input.text("status"));
            boolean started = !statusOnly && reindexer.start(all);
            if (started) {
                audit.record(AuditEvent.of("rag.reindex_started").byLabel("admin-task").with(Map.of("all", all)));
            }
            Reindexer.Status status = reindexer.status();
            output.printf("%s: %d of %d chunks re-embedded with %s (%.0f%%)%s%n",
                    started ? "re-embedding started" : (status.running() ? "re-embedding in progress" : "re-embedding idle"),
                    status.done(), status.total(), status.model(), status.progress() * 100,
                    status.lastError() == null ? "" : "; last error: " + status.lastError());
        }
    }
}
