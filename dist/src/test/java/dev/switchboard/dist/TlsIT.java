package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS services of the packaged daemon, as real TLS clients see them: {@code openssl s_client} to echo,
 * {@code curl --cacert} to http (a 2 MiB file: sendFile's copy under TLS), and a thousand JDK clients
 * handshaking at once against the launcher's default 256 MiB heap. The certificate is made with openssl.
 */
@Timeout(420)
class TlsIT {

    @TempDir
    static Path tmp;
    static DistributionDaemon daemon;
    static Path cert;
    static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Command.exists("openssl"), "openssl is not installed (apt-get install openssl)");
        daemon = DistributionDaemon.install(tmp);
        Path home = daemon.home();
        cert = home.resolve("conf/cert.pem");
        Command made = Command.run("openssl", "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-keyout", home.resolve("conf/key.pem").toString(), "-out",
                cert.toString(), "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        assertEquals(0, made.exitCode(), made.output());
        big = new byte[2 * 1024 * 1024 + 17];
        new Random(5).nextBytes(big);
        Files.write(home.resolve("www/big.bin"), big);
        daemon.writeConfig("""
                daemon:
                  bind: 127.0.0.1
                  shutdown-grace: 2s
                  max-connections: 3000
                defaults:
                  tls-certificate: conf/cert.pem
                  tls-key: conf/key.pem
                  max-connections-per-ip: 1500
                services:
                  http: { port: 0, root: www }
                  # 1,000 handshakes at once on two cores: some wait longer than the default 10 s.
                  echo: { port: 0, max-connections: 1500, tls-handshake-timeout: 5m }
                """);
        daemon.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Command sClient(String input, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + daemon.port("echo"), "-servername", "localhost", "-CAfile", cert.toString(),
                "-verify_return_error", "-no_ign_eof"));
        command.addAll(List.of(options));
        // The script pauses so the echo arrives before s_client sees the end of its input and leaves.
        return Command.run("bash", "-c", "(" + input + ") | timeout 20 " + String.join(" ", command));
    }

    @Test
    void opensslSClientVerifiesTheCertificateAndGetsItsLineEchoed() throws Exception {
        Command c = sClient("printf 'hello over tls\\n'; sleep 1");
        assertTrue(c.output().contains("Verify return code: 0 (ok)"), c.output());
        assertTrue(c.output().contains("Protocol  : TLSv1.3"), c.output());
        assertTrue(c.output().contains("\nhello over tls\n"), c.output());
    }

    @Test
    void opensslSClientAskingToRenegotiateIsCutOff() throws Exception {
        Command c = sClient("sleep 1; printf 'before\\n'; sleep 0.5; printf 'R\\n'; sleep 1; printf 'after\\n'; sleep 1",
                "-tls1_2");
        assertTrue(c.output().contains("\nbefore\n"), c.output());
        assertTrue(c.output().contains("RENEGOTIATING"), c.output());
        assertFalse(c.output().contains("\nafter\n"), "the daemon went along with the renegotiation:\n" + c.output());
        Command after = sClient("printf 'others are served\\n'; sleep 1");
        assertTrue(after.output().contains("\nothers are served\n"), after.output());
    }

    @Test
    void curlWithTheCertificateGetsABigFileOverHttpsWithAlpnHttp11() throws Exception {
        int port = daemon.port("http");
        Path out = tmp.resolve("big.out");
        Command c = Command.run("curl", "-sS", "-v", "--cacert", cert.toString(), "--resolve",
                "localhost:" + port + ":127.0.0.1", "-o", out.toString(), "https://localhost:" + port + "/big.bin");
        assertEquals(0, c.exitCode(), c.output());
        assertTrue(c.output().contains("ALPN: server accepted http/1.1") || c.output().contains("ALPN, server accepted"),
                c.output());
        assertTrue(c.output().contains("SSL certificate verify ok"), c.output());
        assertArrayEquals(big, Files.readAllBytes(out));
    }

    @Test
    void testsslFindsOnlyTls12And13ForwardSecretAeadSuitesAndNoKnownVulnerability() throws Exception {
        assumeTrue(Command.exists("testssl"), "testssl.sh is not installed (apt-get install testssl.sh)");
        Command c = Command.run("testssl", "--quiet", "--color", "0", "--warnings", "off", "--ip", "one",
                "-p", "-s", "-f", "-U", "localhost:" + daemon.port("http"));
        String out = c.output();
        for (String line : List.of("SSLv2      not offered", "SSLv3      not offered", "TLS 1      not offered",
                "TLS 1.1    not offered", "TLS 1.2    offered", "TLS 1.3    offered", "ALPN/HTTP2 http/1.1",
                "Obsolete CBC ciphers (AES, ARIA etc.)         not offered", "PFS is offered (OK)",
                "Secure Client-Initiated Renegotiation     not vulnerable (OK)")) {
            assertTrue(out.contains(line), "expected '" + line + "' in:\n" + out);
        }
        assertFalse(out.contains("VULNERABLE"), out);
    }

    @Test
    void aThousandClientsHandshakingAtOnceAreAllServedWithinTheDefaultHeap() throws Exception {
        int clients = 1000;
        SSLContext context = trusting(cert);
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger echoed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(
                        InetAddress.getByName("127.0.0.1"), daemon.port("echo"))) {
                    s.setSoTimeout(300_000);
                    s.startHandshake();
                    s.getOutputStream().write('x');
                    s.getOutputStream().flush();
                    if (s.getInputStream().read() == 'x') {
                        echoed.incrementAndGet();
                    }
                    connected.countDown();
                    release.await(400, TimeUnit.SECONDS); // hold the session open: all at once
                } catch (Exception e) {
                    failures.add(e.toString());
                    connected.countDown();
                }
            }, "tls-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        assertTrue(connected.await(360, TimeUnit.SECONDS), "the handshakes did not finish");
        long rss = residentKiB(daemon.process().pid());
        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(0, failures.size(), failures.size() + " failed, e.g. " + failures.subList(0, Math.min(5, failures.size())));
        assertEquals(clients, echoed.get());
        assertTrue(daemon.process().isAlive(), daemon.output());
        // 1,000 sessions hold their buffers (~50 KiB each) within the launcher's 256 MiB heap.
        assertTrue(rss < 480 * 1024, "daemon resident " + rss / 1024 + " MiB with " + clients + " TLS clients");
        Command after = sClient("printf 'still serving\\n'; sleep 1");
        assertTrue(after.output().contains("\nstill serving\n"), after.output());
    }

    static long residentKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("daemon", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
