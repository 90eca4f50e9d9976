package com.genaiauto.platform.housekeeping;

import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskInput;
import java.io.PrintWriter;

/** {@code POST /tasks/housekeeping}: the retention run now, unless another replica is running it. */
public final class HousekeepingTask extends AdminTask {

    private final Housekeeping housekeeping;

    public HousekeepingTask(Housekeeping housekeeping) {
        super("housekeeping", "Removes data past its retention age now (conversations, model-call ledger after "
                + "its daily roll-up, audit log, expired sign-in tokens, evaluation runs).");
        this.housekeeping = housekeeping;
    }

    @Override
    protected void run(TaskInput input, PrintWriter output) {
        Housekeeping.Report report = housekeeping.runNow();
        if (!report.ran()) {
            output.println("skipped: another replica is running housekeeping");
            return;
        }
        report.removed().forEach((kind, count) -> output.println("removed " + count + " " + kind.label()));
    }
}
