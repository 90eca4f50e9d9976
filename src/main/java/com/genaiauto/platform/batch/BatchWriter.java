package com.genaiauto.platform.batch;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items to {@code store} in batches from one background thread, so that a request's only
 * cost is a queue offer. The thread wakes every {@code interval} (at once again while batches
 * come out full) rather than being woken per item: on a small machine, waking a thread on every
 * call costs the caller more than the item's own work. {@link #flush()} wakes it and waits.
 */
public final class BatchWriter<T> implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final String name;
    private final long intervalNanos;
    private final int maxBatch;
    private final Consumer<List<T>> store;
    private final BlockingQueue<T> queue;
    private final AtomicLong accepted = new AtomicLong();
    private final Object progress = new Object();
    private volatile long handled;
    private volatile boolean running;
    private volatile Thread worker;

    public BatchWriter(String name, Duration interval, int maxBatch, int capacity, Consumer<List<T>> store) {
        this.name = name;
        this.intervalNanos = interval.toNanos();
        this.maxBatch = maxBatch;
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues an item; false when the queue is full (the store is far behind). */
    public boolean offer(T item) {
        if (!queue.offer(item)) {
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Drops what is queued and not yet handed to the store; returns how many. */
    public int discardQueued() {
        List<T> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        markHandled(dropped.size());
        return dropped.size();
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        flush();
        running = false;
        LockSupport.unpark(worker);
        worker.join(5_000);
    }

    /** Blocks until every item queued before this call has been handed to the store (at most ten seconds). */
    public void flush() throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (progress) {
            while (handled < target && System.nanoTime() < deadline) {
                LockSupport.unpark(worker);
                progress.wait(20);
            }
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        boolean full = false;
        while (running || !queue.isEmpty()) {
            if (!full) {
                LockSupport.parkNanos(intervalNanos);
            }
            queue.drainTo(batch, maxBatch);
            full = batch.size() == maxBatch;
            if (batch.isEmpty()) {
                continue;
            }
            try {
                store.accept(batch);
            } catch (RuntimeException e) {
                LOG.error("{}: a batch of {} could not be handled: {}", name, batch.size(), e.toString());
            }
            markHandled(batch.size());
            batch.clear();
        }
    }

    private void markHandled(int count) {
        synchronized (progress) {
            handled += count;
            progress.notifyAll();
        }
    }
}
