package com.genaiauto.platform.health;

import org.jdbi.v3.core.Jdbi;

/** PostgreSQL answers a trivial query: without it nothing works. */
public final class DatabaseProbe implements ServiceProbe {

    private final Jdbi jdbi;

    public DatabaseProbe(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Impact impact() {
        return Impact.REQUIRED;
    }

    @Override
    public ProbeResult probe() {
        try {
            Integer one = jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                    .setQueryTimeout(2)
                    .mapTo(Integer.class)
                    .one());
            return one == 1 ? ProbeResult.up("connected") : ProbeResult.down("disconnected");
        } catch (RuntimeException e) {
            return ProbeResult.down("disconnected");
        }
    }
}
