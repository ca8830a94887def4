package dev.switchboard.daemon.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.lifecycle.ReloadReport;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestCertificates;
import dev.switchboard.daemon.testing.TestConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS for a service, from real TLS clients on loopback: the JDK's client trusting only the test's own
 * certificate, and raw sockets playing broken or hostile clients. Certificates come from openssl and
 * keytool, in every form a user may have them.
 */
@Timeout(60)
class TlsServiceTest {

    @TempDir
    Path tmp;

    private RunningDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String tlsKeys) throws Exception {
        daemon = RunningDaemon.start(tmp, config(tlsKeys));
    }

    private static String config(String tlsKeys) {
        return """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  secure: {protocol: lines, port: 0, %s}
                  plain: {protocol: lines, port: 0}
                """.formatted(tlsKeys);
    }

    private static String pem(TestCertificates.Pem pem) {
        return pem(pem.certificate(), pem.key());
    }

    private static String pem(Path certificate, Path key) {
        return "tls-certificate: " + certificate + ", tls-key: " + key;
    }

    private LineClient tlsClient(X509Certificate trusted, String... protocols) throws IOException {
        SSLSocket socket = TestCertificates.connect(TestCertificates.trusting(trusted), daemon.port("secure"), protocols);
        return LineClient.over(socket);
    }

    @Test
    void aPemChainAndKeyInEveryFormServeTlsAndTheHandlerSeesPlaintext() throws Exception {
        TestCertificates.Pem rsa = TestCertificates.selfSigned(tmp, "rsa", "rsa:2048", 30);
        TestCertificates.Pem ec = TestCertificates.selfSigned(tmp, "ec", "ec", 30);
        List<TestCertificates.Pem> forms = List.of(rsa, new TestCertificates.Pem(rsa.certificate(),
                TestCertificates.traditional(rsa.key())), ec, new TestCertificates.Pem(ec.certificate(),
                TestCertificates.traditional(ec.key())));
        assertTrue(Files.readString(forms.get(1).key()).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Files.readString(forms.get(3).key()).contains("BEGIN EC PRIVATE KEY"));
        for (TestCertificates.Pem form : forms) {
            start(pem(form));
            try (LineClient client = tlsClient(TestCertificates.read(form.certificate()))) {
                client.send("hello over tls");
                assertEquals("hello over tls", client.readLine(), form.key().toString());
                client.send("tls?");
                String info = client.readLine();
                assertTrue(info.startsWith("Optional[TlsInfo[protocol=TLSv1.3, cipherSuite=TLS_AES_"), info);
                assertTrue(info.contains("serverName=Optional[localhost]"), info);
            }
            daemon.close();
            daemon = null;
        }
    }

    @Test
    void aPkcs12KeystoreWithItsPasswordFileServesTls12AndTls13AndNothingOlder() throws Exception {
        Path p12 = TestCertificates.keystore(tmp, "store", "s3cret pass", "-1d", 30);
        Path password = Files.writeString(tmp.resolve("password"), "s3cret pass\n");
        start("tls-keystore: " + p12 + ", tls-keystore-password-file: " + password);
        X509Certificate cert;
        try (SSLSocket probe = TestCertificates.connect(trustAll(), daemon.port("secure"))) {
            cert = (X509Certificate) probe.getSession().getPeerCertificates()[0];
        }
        try (LineClient client = tlsClient(cert, "TLSv1.2")) {
            client.send("tls?");
            String info = client.readLine();
            assertTrue(info.contains("protocol=TLSv1.2, cipherSuite=TLS_ECDHE_RSA_WITH_AES_"), info);
        }
        assertThrows(SSLException.class, () -> tlsClient(cert, "TLSv1.1").close(),
                "TLS 1.1 must not be offered");
        assertEquals(State.RUNNING, daemon.status("plain").state());
    }

    @Test
    void garbageInsteadOfAClientHelloIsCutOffAndOtherClientsAreServed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(tmp, "a", "rsa:2048", 30);
        start(pem(pem));
        try (Socket raw = rawClient()) {
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithin(raw, 5000);
        }
        try (LineClient client = tlsClient(TestCertificates.read(pem.certificate()))) {
            client.send("still here");
            assertEquals("still here", client.readLine());
        }
    }

    @Test
    void aStalledHandshakeIsCutOffAtTheHandshakeTimeoutWhileOthersAreServed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(tmp, "a", "rsa:2048", 30);
        start(pem(pem) + ", tls-handshake-timeout: 1s");
        try (Socket silent = rawClient(); Socket dripping = rawClient()) {
            long started = System.nanoTime();
            // A TLS record header promising 512 bytes, then one byte at a time: never a whole ClientHello.
            OutputStream drip = dripping.getOutputStream();
            drip.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            try (LineClient meanwhile = tlsClient(TestCertificates.read(pem.certificate()))) {
                meanwhile.send("served");
                assertEquals("served", meanwhile.readLine());
            }
            try {
                for (int i = 0; i < 6; i++) {
                    Thread.sleep(200);
                    drip.write(0);
                }
            } catch (java.net.SocketException e) {
                // the server closed it while it dripped: what the test wants
            }
            assertClosedWithin(silent, 5000);
            assertClosedWithin(dripping, 5000);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 900 && millis < 4000, "cut off after " + millis + " ms, expected about 1 s");
        }
    }

    @Test
    void aClientAskingToRenegotiateIsCutOffAndOthersKeepTheirSessions() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(tmp, "a", "rsa:2048", 30);
        start(pem(pem));
        X509Certificate cert = TestCertificates.read(pem.certificate());
        try (LineClient bystander = tlsClient(cert, "TLSv1.2")) {
            SSLSocket renegotiator = TestCertificates.connect(TestCertificates.trusting(cert), daemon.port("secure"),
                    "TLSv1.2");
            LineClient lines = LineClient.over(renegotiator);
            lines.send("before");
            assertEquals("before", lines.readLine());
            boolean cutOff;
            try {
                renegotiator.startHandshake(); // a TLS 1.2 client's renegotiation: a new ClientHello
                lines.send("after");
                cutOff = renegotiator.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                cutOff = false;
            } catch (IOException e) {
                cutOff = true; // the handshake or the read failed: the server closed the connection
            }
            assertTrue(cutOff, "the server went along with the renegotiation");
            renegotiator.close();
            bystander.send("unharmed");
            assertEquals("unharmed", bystander.readLine());
        }
    }

    @Test
    void aReloadSwapsTheCertificateForNewClientsWhileAConnectedClientStays() throws Exception {
        TestCertificates.Pem first = TestCertificates.selfSigned(tmp, "first", "rsa:2048", 30);
        TestCertificates.Pem second = TestCertificates.selfSigned(tmp, "second", "ec", 30);
        Path cert = Files.copy(first.certificate(), tmp.resolve("live.crt"));
        Path key = Files.copy(first.key(), tmp.resolve("live.key"));
        start(pem(cert, key));
        X509Certificate one = TestCertificates.read(first.certificate());
        X509Certificate two = TestCertificates.read(second.certificate());
        try (LineClient old = tlsClient(one)) {
            old.send("one");
            assertEquals("one", old.readLine());
            // What certbot renew does: new files under the same names; then systemctl reload.
            Files.copy(second.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
            ReloadReport report = reload(config(pem(cert, key)));
            assertTrue(report.applied(), report.toString());
            assertTrue(report.toString().contains("service secure: new certificate from"), report.toString());
            old.send("still connected");
            assertEquals("still connected", old.readLine());
            try (SSLSocket fresh = TestCertificates.connect(TestCertificates.trusting(two), daemon.port("secure"))) {
                BigInteger serial = ((X509Certificate) fresh.getSession().getPeerCertificates()[0]).getSerialNumber();
                assertEquals(two.getSerialNumber(), serial);
            }
        }
    }

    @Test
    void aReloadWithABrokenOrMismatchedCertificateIsRefusedAndTheOldOneStaysInUse() throws Exception {
        TestCertificates.Pem first = TestCertificates.selfSigned(tmp, "first", "rsa:2048", 30);
        TestCertificates.Pem other = TestCertificates.selfSigned(tmp, "other", "rsa:2048", 30);
        Path cert = Files.copy(first.certificate(), tmp.resolve("live.crt"));
        start(pem(cert, first.key()));
        Files.copy(other.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
        ReloadReport mismatch = reload(config(pem(cert, first.key())));
        assertFalse(mismatch.applied());
        assertTrue(mismatch.toString().contains(first.key() + " is not the private key of the certificate in " + cert),
                mismatch.toString());
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        ReloadReport garbage = reload(config(pem(cert, first.key())));
        assertFalse(garbage.applied());
        assertTrue(garbage.toString().contains(cert + ": a certificate in it does not parse"), garbage.toString());
        try (LineClient client = tlsClient(TestCertificates.read(first.certificate()))) {
            client.send("old certificate");
            assertEquals("old certificate", client.readLine());
        }
    }

    @Test
    void checkNamesTheLineOfAKeyThatDoesNotMatchAnExpiredCertificateAndAMissingFile() throws Exception {
        TestCertificates.Pem a = TestCertificates.selfSigned(tmp, "a", "rsa:2048", 30);
        TestCertificates.Pem b = TestCertificates.selfSigned(tmp, "b", "rsa:2048", 30);
        Path expired = TestCertificates.keystore(tmp, "expired", "pw-pw-pw", "-3d", 1);
        Path password = Files.writeString(tmp.resolve("pw"), "pw-pw-pw");
        Path file = TestConfigs.write(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS}
                services:
                  mismatched: {protocol: lines, port: 0, tls-certificate: %s, tls-key: %s}
                  expired: {protocol: lines, port: 0, tls-keystore: %s, tls-keystore-password-file: %s}
                  missing: {protocol: lines, port: 0, tls-certificate: %s, tls-key: %s}
                """.formatted(a.certificate(), b.key(), expired, password, tmp.resolve("none.crt"), a.key()));
        String problems = String.join("\n", Switchboard.check(file, tmp));
        assertTrue(problems.contains("switchboard.yml:3: services.mismatched.tls-certificate: " + b.key()
                + " is not the private key of the certificate in " + a.certificate()), problems);
        assertTrue(problems.contains("switchboard.yml:4: services.expired.tls-keystore: the certificate in "
                + expired + " (CN=localhost) expired at "), problems);
        assertTrue(problems.contains("switchboard.yml:5: services.missing.tls-certificate: "
                + tmp.resolve("none.crt") + " does not exist"), problems);
    }

    @Test
    void startingWithACertificateThatExpiresWithinAWeekLogsAWarning() throws Exception {
        TestCertificates.Pem soon = TestCertificates.selfSigned(tmp, "soon", "rsa:2048", 3);
        try (LogCapture log = LogCapture.start()) {
            start(pem(soon));
            List<LogCapture.Line> warnings = log.matching(l -> l.level().equals("WARN")
                    && l.message().startsWith("secure: the certificate in " + soon.certificate())
                    && l.message().contains("(CN=localhost) expires in 7") && l.message().endsWith("renew it (certbot renew) and reload"));
            assertEquals(1, warnings.size(), log.containing("certificate").toString());
        }
        assertEquals(State.RUNNING, daemon.status("secure").state());
    }

    private ReloadReport reload(String yaml) {
        TestConfigs.write(tmp, yaml);
        return daemon.switchboard().reload();
    }

    private Socket rawClient() throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), daemon.port("secure"));
        s.setSoTimeout(5000);
        return s;
    }

    /** Reads (and ignores any alert) until the server closes; fails if it does not within the time. */
    private static void assertClosedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // an alert record, then the end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + millis + " ms", e);
        } catch (java.net.SocketException e) {
            // reset by the server: closed all the same
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
