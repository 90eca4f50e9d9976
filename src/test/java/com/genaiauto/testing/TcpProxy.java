package com.genaiauto.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A TCP forwarder in front of a real server. Closing it refuses new connections and cuts the open
 * ones, as a network failure or a stopped server would, without touching the shared server.
 * Stalling it holds every byte (connections are still accepted), as a server stopped with SIGSTOP
 * would; a latency delays every chunk in either direction, as a slow network or server would.
 */
public final class TcpProxy implements AfterAllCallback {

    private final int listenPort;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private final Object gate = new Object();
    private boolean stalled;
    private volatile long latencyMillis;

    private TcpProxy(int listenPort, String targetHost, int targetPort) {
        this.listenPort = listenPort;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(FreePorts.find(), host, port);
        proxy.open();
        return proxy;
    }

    public int port() {
        return listenPort;
    }

    public synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + listenPort, e);
        }
        Thread acceptor = new Thread(() -> acceptLoop(server), "tcp-proxy-accept-" + listenPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public synchronized void close() {
        ServerSocket current = server;
        server = null;
        closeQuietly(current);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
        release();
    }

    /** Holds whatever either side sends from now on, on open and new connections, until {@link #release()}. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Forwards what was held and goes on forwarding. */
    public void release() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** Delays each chunk forwarded in either direction by this much (zero for none). */
    public void latency(java.time.Duration delay) {
        latencyMillis = delay.toMillis();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (OuterClassOnly.isNested(context)) {
            return;
        }
        close();
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // Listener closed or upstream refused: the client sees its connection drop.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitPassage();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // Either side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitPassage() throws IOException {
        try {
            synchronized (gate) {
                while (stalled) {
                    gate.wait();
                }
            }
            long delay = latencyMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
