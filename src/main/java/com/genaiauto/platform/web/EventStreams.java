package com.genaiauto.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Long-lived Server-Sent Events responses fed by listeners (for screens that watch something
 * change). Each stream subscribes first, then writes its opening events, then whatever the
 * listener hands it, with a comment line as a heartbeat so that idle connections stay open through
 * proxies and a client that went away is noticed. A stream ends after {@code maxLife} (the client
 * reconnects, possibly to another replica), when its client stops reading and too many events
 * pile up, or when the server begins to stop (after readiness has been draining).
 */
public final class EventStreams implements LifeCycle.Listener {

    /** One event: its name and its JSON data. */
    public record Event(String name, Object data) {
    }

    private static final Event END = new Event("", null);
    static final int MAX_PENDING = 1_000;

    private final ObjectMapper json;
    private final Duration heartbeat;
    private final Duration maxLife;
    private final Set<BlockingQueue<Event>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public EventStreams(ObjectMapper json, Duration heartbeat, Duration maxLife) {
        this.json = json;
        this.heartbeat = heartbeat;
        this.maxLife = maxLife;
    }

    /**
     * A {@code text/event-stream} response. {@code subscribe} registers a listener and returns the
     * handle that removes it; {@code opening} is read after subscribing, so nothing that changes in
     * between is missed (at worst it arrives twice).
     */
    public Response response(Function<Consumer<Event>, Runnable> subscribe, Supplier<List<Event>> opening) {
        StreamingOutput body = output -> stream(output, subscribe, opening);
        return Response.ok(body, "text/event-stream").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    /** How many streams are open on this replica. */
    public int openStreams() {
        return open.size();
    }

    private void stream(OutputStream output, Function<Consumer<Event>, Runnable> subscribe,
                        Supplier<List<Event>> opening) throws IOException {
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(MAX_PENDING);
        open.add(queue);
        Runnable unsubscribe = subscribe.apply(event -> {
            if (!queue.offer(event)) {
                // The client does not keep up: end its stream; it reconnects and reads afresh.
                queue.clear();
                queue.offer(END);
            }
        });
        try {
            if (stopping) {
                return;
            }
            for (Event event : opening.get()) {
                write(output, event);
            }
            long deadline = System.nanoTime() + maxLife.toNanos();
            while (System.nanoTime() < deadline) {
                Event next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == END) {
                    return;
                }
                if (next == null) {
                    output.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    output.flush();
                } else {
                    write(output, next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
            open.remove(queue);
        }
    }

    private void write(OutputStream output, Event event) throws IOException {
        String frame = "event: " + event.name() + "\ndata: " + json.writeValueAsString(event.data()) + "\n\n";
        output.write(frame.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    @Override
    public void lifeCycleStopping(LifeCycle event) {
        if (event instanceof Server) {
            stopping = true;
            for (BlockingQueue<Event> queue : open) {
                queue.clear();
                queue.offer(END);
            }
        }
    }
}
