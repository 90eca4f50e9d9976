package com.genaiauto.ops;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** What a TLS server on loopback presents in a handshake for a server name, as a client sees it. */
final class ServedCertificates {

    private ServedCertificates() {
    }

    /** The chain the server sends for {@code serverName} (SNI), read without judging it. */
    static X509Certificate[] chain(int port, String serverName) throws Exception {
        SSLContext reading = SSLContext.getInstance("TLS");
        reading.init(null, new TrustManager[] {new ReadOnly()}, null);
        try (SSLSocket socket = connect(reading, port, serverName, false)) {
            socket.startHandshake();
            Certificate[] peer = socket.getSession().getPeerCertificates();
            return Arrays.copyOf(peer, peer.length, X509Certificate[].class);
        }
    }

    /**
     * A handshake as a browser makes it: the chain must lead to {@code root} and the leaf must be
     * valid for {@code serverName}; throws otherwise.
     */
    static void handshakeTrusting(X509Certificate root, int port, String serverName) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext verifying = SSLContext.getInstance("TLS");
        verifying.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket = connect(verifying, port, serverName, true)) {
            socket.startHandshake();
        }
    }

    /** The certificates of a PEM file, first one first (the leaf of a fullchain.pem). */
    static X509Certificate[] pem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            return all.toArray(new X509Certificate[0]);
        }
    }

    private static SSLSocket connect(SSLContext context, int port, String serverName, boolean checkName) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        plain.setSoTimeout(10_000);
        // Layered over a loopback connection: the name is sent as SNI and checked, never looked up.
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, port, true);
        if (checkName) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    /** Accepts any chain: the test reads what is served and asserts on it itself. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not part of these tests");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Read only.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
