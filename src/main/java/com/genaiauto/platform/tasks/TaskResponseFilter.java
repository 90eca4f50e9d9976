package com.genaiauto.platform.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.web.ServletErrors;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Makes the admin port's tasks answer like the rest of the service. Dropwizard's task servlet
 * answers 200 whatever a task printed, and a bare 500 or 404 with text otherwise; here a task's
 * {@link TaskFailure} sets the status, an unexpected failure is a 500 that does not echo its
 * exception, an unknown task is a 404, each with the service's error JSON; {@code GET /tasks}
 * lists every task with its description and parameters.
 */
public final class TaskResponseFilter implements Filter {

    private static final ThreadLocal<TaskFailure> FAILURE = new ThreadLocal<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRegistry registry;

    public TaskResponseFilter(TaskRegistry registry) {
        this.registry = registry;
    }

    /** Called by {@link AdminTask} on the request's thread, inside the task servlet. */
    static void refuse(TaskFailure failure) {
        FAILURE.set(failure);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String name = taskName(request);
        if (name.isEmpty() && "GET".equals(request.getMethod())) {
            byte[] body = JSON.writeValueAsBytes(Map.of("tasks", registry.all()));
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        Buffered buffered = new Buffered(response);
        FAILURE.remove();
        TaskFailure failure;
        try {
            chain.doFilter(request, buffered);
        } finally {
            failure = FAILURE.get();
            FAILURE.remove();
        }
        if (failure == null && buffered.status == 404 && !name.isEmpty() && !registry.knows(name)) {
            failure = TaskFailure.unknownTask(name);
        } else if (failure == null && buffered.status >= 500) {
            failure = TaskFailure.failed();
        }
        if (failure != null) {
            ServletErrors.write(response, failure);
            return;
        }
        buffered.copyTo(response);
    }

    private static String taskName(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.startsWith("/tasks") ? path.substring("/tasks".length()) : "";
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /** Holds the servlet's answer until it is known whether it stands. */
    private static final class Buffered extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private PrintWriter writer;
        private int status = 200;

        Buffered(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void reset() {
            resetBuffer();
            status = 200;
        }

        @Override
        public void resetBuffer() {
            if (writer != null) {
                writer.flush();
            }
            bytes.reset();
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), false);
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // Writes go to memory, so the stream is always ready: tell the listener at once.
                    try {
                        listener.onWritePossible();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        void copyTo(HttpServletResponse response) throws IOException {
            flushBuffer();
            response.setStatus(status);
            response.setContentLength(bytes.size());
            response.getOutputStream().write(bytes.toByteArray());
        }
    }
}
