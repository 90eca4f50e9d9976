package com.genaiauto.demo;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.servlets.tasks.Task;
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

    public DemoModule(DemoData demo, boolean seedOnStart) {
        this.demo = demo;
        this.seedOnStart = seedOnStart;
    }

    public void register(Environment environment) {
        environment.admin().addTask(new Task("demo-seed") {
            @Override
            public void execute(Map<String, List<String>> parameters, PrintWriter output) {
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
