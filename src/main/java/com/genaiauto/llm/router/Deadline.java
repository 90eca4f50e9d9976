package com.genaiauto.llm.router;

import java.time.Duration;

/** The moment a request's time runs out, on the monotonic clock. */
record Deadline(long endNanos) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean expired() {
        return System.nanoTime() >= endNanos;
    }
}
