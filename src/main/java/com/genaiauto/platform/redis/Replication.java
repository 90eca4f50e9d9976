package com.genaiauto.platform.redis;

/**
 * A Redis server's replication state, from {@code INFO replication}. {@code history} is the
 * server's replication ID: it changes when a replica is promoted, when a server starts afresh and
 * when a demoted primary copies its new primary's data over its own. So a write made under one
 * ID may be gone once the primary reports another, and one made under the current ID is still
 * there.
 *
 * @param primary   whether the server takes writes (role master)
 * @param replicas  how many replicas are attached, whatever their state
 * @param history   the replication ID ({@code master_replid}), empty when the server gave none
 */
public record Replication(boolean primary, int replicas, String history) {

    public Replication {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        history = history == null ? "" : history;
    }

    public static Replication parse(String info) {
        boolean primary = false;
        int replicas = 0;
        String history = "";
        for (String line : info.lines().map(String::strip).toList()) {
            if (line.equals("role:master")) {
                primary = true;
            } else if (line.startsWith("connected_slaves:")) {
                replicas = Integer.parseInt(line.substring("connected_slaves:".length()));
            } else if (line.startsWith("master_replid:")) {
                history = line.substring("master_replid:".length());
            }
        }
        return new Replication(primary, replicas, history);
    }
}
