package com.genaiauto.demo;

import com.genaiauto.platform.tasks.AdminTask;
import com.genaiauto.platform.tasks.TaskInput;
import com.genaiauto.platform.tasks.TaskRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers {@code POST /tasks/demo-seed} and, with SEED_DEMO_DATA=true, seeds in the background at start-up. */
public final class DemoModule {

    private static final Logger LOG = LoggerFactory.getLogger(DemoModule.class);

    private final DemoData demo;
    private final boolean seedOnStart;
    private final TaskRegistry tasks;

    public DemoModule(DemoData demo, boolean seedOnStart, TaskRegistry tasks) {
        this.demo = demo;
        this.seedOnStart = seedOnStart;
        this.tasks = tasks;
    }

    public void register(Environment environment) {
        tasks.add(new AdminTask("demo-seed", "Loads the demo owner, their vehicles and the demo manuals.") {
            @Override
            protected void run(TaskInput input, PrintWriter output) {
                output.println(demo.seed());
            }
        });
        if (seedOnStart) {
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                    Thread seeding = new Thread(() -> {
                        try {
                            LOG.info("Demo data: {}", demo.seed());
                        } catch (RuntimeException e) {
                            LOG.error("Seeding the demo data failed", e);
                        }
                    }, "demo-seed");
                    seeding.setDaemon(true);
                    seeding.start();
                }
            });
        }
    }
}
