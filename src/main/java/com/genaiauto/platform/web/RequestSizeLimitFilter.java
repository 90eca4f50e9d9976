package com.genaiauto.platform.web;

import com.genaiauto.platform.errors.PayloadTooLargeException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A ceiling on every request body, so that no client (signed in or not) can make the server hold
 * more than a bounded amount per request: a declared length over the limit is refused before any
 * byte is read, and a body sent without one is cut off where it passes the limit. Routes that take
 * larger bodies (uploads, the gateway) raise the limit for their own path.
 */
public final class RequestSizeLimitFilter implements Filter {

    private final long defaultLimit;
    private final Map<String, Long> raised = new ConcurrentSkipListMap<>();

    public RequestSizeLimitFilter(long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    /** Requests whose path starts with {@code pathPrefix} may carry up to {@code bytes}. */
    public void raise(String pathPrefix, long bytes) {
        raised.put(pathPrefix, bytes);
    }

    long limitFor(String path) {
        long limit = defaultLimit;
        int longest = -1;
        for (Map.Entry<String, Long> entry : raised.entrySet()) {
            if (path.startsWith(entry.getKey()) && entry.getKey().length() > longest) {
                longest = entry.getKey().length();
                limit = entry.getValue();
            }
        }
        return limit;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long limit = limitFor(http.getRequestURI());
        if (http.getContentLengthLong() > limit) {
            // The body is never read, so the connection cannot be reused for another request.
            ((HttpServletResponse) response).setHeader("Connection", "close");
            ServletErrors.write((HttpServletResponse) response, tooLarge(limit));
            return;
        }
        chain.doFilter(new Limited(http, limit), response);
    }

    private static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("The request body is larger than this endpoint accepts.", limit);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        Counting(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
