package com.genaiauto.platform.health;

/** One dependency as reported by {@code GET /health}. Probes must be quick and must not throw. */
public interface ServiceProbe {

    /** The key under {@code services} in the health document, e.g. {@code database}. */
    String name();

    Impact impact();

    ProbeResult probe();

    /** What a failing dependency does to the service as a whole. */
    enum Impact {
        /** Cannot serve without it: status {@code unhealthy}, not ready. */
        REQUIRED,
        /** Serves without it, with less: status {@code degraded}, still ready. */
        OPTIONAL,
        /** Reported for the operator, never changes the status. */
        INFORMATIONAL
    }

    /** {@code state} is the word shown to operators ({@code connected}, {@code disconnected}, ...). */
    record ProbeResult(boolean up, String state) {
        public static ProbeResult up(String state) {
            return new ProbeResult(true, state);
        }

        public static ProbeResult down(String state) {
            return new ProbeResult(false, state);
        }
    }
}
