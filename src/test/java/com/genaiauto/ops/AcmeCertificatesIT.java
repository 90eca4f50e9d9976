package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * scripts/certificates end to end against a real ACME server: Pebble (Let's Encrypt's test server)
 * validates http-01 challenges by fetching them from a real nginx running the production
 * nginx/nginx.conf, certbot obtains and renews the certificate, and the test reads what nginx
 * serves in TLS handshakes. The whole life of a certificate runs once, in order, before the
 * assertions: a self-signed one for a trial, issuance, a renewal with nothing due, a forced
 * renewal; nginx is reloaded, never restarted.
 */
@DisplayName("TLS certificates: scripts/certificates with certbot against Pebble, served by nginx")
class AcmeCertificatesIT {

    static final String DOMAIN = "www.genai-auto.test";
    static final Path SCRIPT = Path.of("scripts", "certificates");
    static final Pattern CHALLENGE = Pattern.compile("\"GET /\\.well-known/acme-challenge/[A-Za-z0-9_-]+ HTTP/1\\.1\" 200 ");

    static NginxProxy nginx;
    static Pebble pebble;
    static Path certbotDir;
    static Path reloads;
    static Map<String, String> environment;

    /** What one step did and what nginx served after it. */
    record Stage(Processes.Result run, X509Certificate served, X509Certificate installed, byte[] installedBytes,
                 long masterPid, int reloads, int challengesFetched) {
    }

    static Stage selfSigned;
    static Stage issued;
    static Stage notDue;
    static Stage forced;
    static Stage selfSignedOverIssued;
    static Stage reloadFailed;
    static Stage reinstalled;
    static X509Certificate pebbleIntermediate;
    static X509Certificate pebbleRoot;

    @BeforeAll
    static void runTheLifeOfACertificate() throws Exception {
        int[] nowhere = FreePorts.distinct(2);
        // No API behind it: only TLS handshakes and plain-HTTP challenges are asked of this nginx.
        nginx = NginxProxy.render(nowhere[0], nowhere[1]);
        certbotDir = Files.createTempDirectory("certbot-");
        reloads = Files.createTempFile("nginx-reloads-", ".log");
        pebble = Pebble.start(nginx.httpPort());
        environment = Map.of(
                "ACME_SERVER", pebble.directoryUrl(),
                "ACME_CA_BUNDLE", pebble.caBundle().toString(),
                "CERTBOT_DIR", certbotDir.toString(),
                "ACME_WEBROOT", nginx.acmeWebroot().toString(),
                "TLS_CERTS_DIR", nginx.certificates().toString(),
                // Counts the reloads, then reloads the test's nginx as Compose's default would.
                "NGINX_RELOAD", "echo reload >> " + reloads + " && " + nginx.reloadCommand());

        // The trial path first: the certificate nginx starts with comes from the script.
        Processes.Result trial = certificates("self-signed", DOMAIN);
        Processes.Result check = nginx.check();
        assertThat(check.succeeded()).as(check.toString()).isTrue();
        nginx.start();
        selfSigned = stage(trial, false);

        pebbleIntermediate = pebble.intermediate();
        pebbleRoot = pebble.root();
        issued = stage(certificates("issue", DOMAIN, "ops@genai-auto.test"), true);
        notDue = stage(certificates("renew"), false);
        // notBefore has a resolution of one second: let one pass so that "later" can be asserted.
        awaitClockPast(issued.served().getNotBefore().toInstant().plusSeconds(1));
        forced = stage(certificates("renew", "--force"), true);
        selfSignedOverIssued = stage(certificates("self-signed", DOMAIN), false);
        // A renewal whose reload fails (nginx down, Docker unreachable), then the remedy it names.
        reloadFailed = stage(certificates(Map.of("NGINX_RELOAD", "exit 3"), "renew", "--force"), false);
        reinstalled = stage(certificates("issue", DOMAIN), true);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (pebble != null) {
            pebble.close();
            assertThat(pebble.running()).as("Pebble and its DNS server stopped").isFalse();
        }
        if (nginx != null) {
            nginx.close();
            assertThat(nginx.running()).as("nginx stopped").isFalse();
        }
        TempFiles.deleteTree(certbotDir);
        TempFiles.deleteTree(reloads);
    }

    static Processes.Result certificates(String... arguments) {
        return certificates(Map.of(), arguments);
    }

    static Processes.Result certificates(Map<String, String> overrides, String... arguments) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(Arrays.asList(arguments));
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(overrides);
        return Processes.run(command, null, env, Duration.ofMinutes(3));
    }

    /**
     * The state after a step. After one that installs a certificate, nginx's new workers take a
     * moment to start: wait until it serves what was installed (at most 15 s), then record it.
     */
    static Stage stage(Processes.Result run, boolean expectNewCertificate) throws Exception {
        Path fullchain = nginx.certificates().resolve("fullchain.pem");
        X509Certificate installed = ServedCertificates.pem(fullchain)[0];
        X509Certificate served = served();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (expectNewCertificate && !served.equals(installed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = served();
        }
        int challenges = 0;
        Matcher matcher = CHALLENGE.matcher(nginx.accessLog());
        while (matcher.find()) {
            challenges++;
        }
        return new Stage(run, served, installed, Files.readAllBytes(fullchain), nginx.masterPid(),
                Files.readAllLines(reloads).size(), challenges);
    }

    static X509Certificate served() throws Exception {
        return ServedCertificates.chain(nginx.httpsPort(), DOMAIN)[0];
    }

    static void awaitClockPast(Instant instant) throws InterruptedException {
        while (Instant.now().isBefore(instant)) {
            Thread.sleep(50);
        }
    }

    static String describe(Stage stage) {
        return stage.run() + "\nserved " + stage.served().getSubjectX500Principal() + " from "
                + stage.served().getIssuerX500Principal() + " serial " + stage.served().getSerialNumber().toString(16)
                + "\nnginx:\n" + nginx.log() + "\npebble:\n" + pebble.log();
    }

    @Nested
    @DisplayName("a self-signed certificate for trials")
    class SelfSigned {

        @Test
        void shouldServeASelfSignedCertificateForTheDomainBeforeAnyIsIssued() throws Exception {
            X509Certificate served = selfSigned.served();

            assertThat(selfSigned.run().succeeded()).as(describe(selfSigned)).isTrue();
            assertThat(served).isEqualTo(selfSigned.installed());
            assertThat(served.getSubjectX500Principal()).isEqualTo(served.getIssuerX500Principal());
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=" + DOMAIN);
            assertThat(served.getSubjectAlternativeNames()).containsExactly(List.of(2, DOMAIN));
            // SELF_SIGNED_DAYS, 30 by default.
            assertThat(Duration.between(served.getNotBefore().toInstant(), served.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofDays(30));
            assertThatCode(() -> served.verify(served.getPublicKey())).doesNotThrowAnyException();
        }

        @Test
        void shouldRefuseToReplaceACertificateIssuedByACa() {
            assertThat(selfSignedOverIssued.run().succeeded()).as(describe(selfSignedOverIssued)).isFalse();
            assertThat(selfSignedOverIssued.run().output()).contains("is issued by a CA");
            assertThat(selfSignedOverIssued.installedBytes()).isEqualTo(forced.installedBytes());
            assertThat(selfSignedOverIssued.served()).isEqualTo(forced.served());
        }
    }

    @Nested
    @DisplayName("issue")
    class Issue {

        @Test
        void shouldObtainACertificateFromTheAcmeServerThatNginxThenServes() throws Exception {
            X509Certificate served = issued.served();

            assertThat(issued.run().succeeded()).as(describe(issued)).isTrue();
            assertThat(served).as(describe(issued)).isEqualTo(issued.installed());
            assertThat(served.getIssuerX500Principal()).isEqualTo(pebbleIntermediate.getSubjectX500Principal());
            assertThatCode(() -> served.verify(pebbleIntermediate.getPublicKey())).doesNotThrowAnyException();
            assertThat(served.getSerialNumber()).isNotEqualTo(selfSigned.served().getSerialNumber());
            assertThat(served.getSubjectAlternativeNames()).containsExactly(List.of(2, DOMAIN));
            assertThat(issued.reloads()).isEqualTo(1);
        }

        @Test
        void shouldServeAChainThatAClientTrustingOnlyTheCaAcceptsForTheName() {
            // fullchain.pem carries the intermediate: a client that knows only the root verifies it.
            assertThatCode(() -> ServedCertificates.handshakeTrusting(pebbleRoot, nginx.httpsPort(), DOMAIN))
                    .doesNotThrowAnyException();
        }

        @Test
        void shouldBeValidatedByTheCaFetchingTheChallengeFromNginxOverPlainHttp() {
            // Pebble's validation requests are in nginx's access log, answered 200 by the port-80
            // server before its redirect to HTTPS.
            assertThat(selfSigned.challengesFetched()).isZero();
            assertThat(issued.challengesFetched()).as(describe(issued)).isPositive();
        }

        @Test
        void shouldInstallAKeyOnlyItsOwnerCanRead() throws Exception {
            Path key = nginx.certificates().resolve("privkey.pem");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.isSymbolicLink(key)).isFalse();
            assertThat(Files.isSymbolicLink(nginx.certificates().resolve("fullchain.pem"))).isFalse();
        }
    }

    @Nested
    @DisplayName("renew")
    class Renew {

        @Test
        void shouldChangeNothingWhenNoCertificateIsDue() {
            assertThat(notDue.run().succeeded()).as(describe(notDue)).isTrue();
            assertThat(notDue.run().output()).contains("not yet due for renewal");
            assertThat(notDue.installedBytes()).isEqualTo(issued.installedBytes());
            assertThat(notDue.served()).isEqualTo(issued.served());
            assertThat(notDue.reloads()).as("nginx reloads").isEqualTo(issued.reloads());
            assertThat(notDue.challengesFetched()).isEqualTo(issued.challengesFetched());
        }

        @Test
        void shouldInstallANewCertificateAndReloadNginxWhenForced() throws Exception {
            X509Certificate served = forced.served();

            assertThat(forced.run().succeeded()).as(describe(forced)).isTrue();
            assertThat(served).as(describe(forced)).isEqualTo(forced.installed());
            assertThat(served.getSerialNumber()).isNotEqualTo(issued.served().getSerialNumber());
            assertThat(served.getNotBefore()).isAfter(issued.served().getNotBefore());
            assertThat(served.getIssuerX500Principal()).isEqualTo(pebbleIntermediate.getSubjectX500Principal());
            assertThatCode(() -> served.verify(pebbleIntermediate.getPublicKey())).doesNotThrowAnyException();
            assertThat(forced.reloads()).as("nginx reloads").isEqualTo(issued.reloads() + 1);
            // A fresh validation through nginx, not a cached authorization.
            assertThat(forced.challengesFetched()).isGreaterThan(issued.challengesFetched());
        }

        @Test
        void shouldFailWhenARenewedCertificateCannotBeServed() {
            // certbot itself exits 0 when its deploy hook fails; a timer would show success while
            // nginx serves the old certificate to its expiry.
            assertThat(reloadFailed.run().succeeded()).as(describe(reloadFailed)).isFalse();
            assertThat(reloadFailed.run().output()).contains("reloading nginx failed",
                    "could not install it or reload nginx", "scripts/certificates issue " + DOMAIN);
            assertThat(reloadFailed.installed().getSerialNumber()).isNotEqualTo(forced.served().getSerialNumber());
            assertThat(reloadFailed.served()).isEqualTo(forced.served());
        }

        @Test
        void shouldServeTheRenewedCertificateWithoutANewRequestWhenIssueIsRunAgain() {
            assertThat(reinstalled.run().succeeded()).as(describe(reinstalled)).isTrue();
            assertThat(reinstalled.served()).as(describe(reinstalled)).isEqualTo(reloadFailed.installed());
            assertThat(reinstalled.reloads()).isEqualTo(forced.reloads() + 1);
            assertThat(reinstalled.challengesFetched()).as("validations").isEqualTo(reloadFailed.challengesFetched());
        }

        @Test
        void shouldReloadNginxWithoutRestartingIt() throws Exception {
            assertThat(List.of(selfSigned.masterPid(), issued.masterPid(), notDue.masterPid(), forced.masterPid(),
                    reinstalled.masterPid()))
                    .as("nginx master process").containsOnly(selfSigned.masterPid());
            assertThat(nginx.running()).isTrue();
            assertThat(nginx.log()).contains("reconfiguring");
        }
    }
}
