package dev.switchboard.daemon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed test certificates for {@code localhost} and 127.0.0.1, made with the real openssl and
 * keytool, and TLS clients that trust exactly one of them.
 */
public final class TestCertificates {

    /**
     * @param certificate the PEM certificate
     * @param key the PEM private key
     */
    public record Pem(Path certificate, Path key) {
    }

    private TestCertificates() {
    }

    /** @param keyType {@code rsa:2048} or {@code ec} (P-256) */
    public static Pem selfSigned(Path dir, String name, String keyType, int days) {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-newkey",
                keyType.startsWith("ec") ? "ec" : keyType));
        if (keyType.startsWith("ec")) {
            command.addAll(List.of("-pkeyopt", "ec_paramgen_curve:prime256v1"));
        }
        command.addAll(List.of("-keyout", key.toString(), "-out", cert.toString(), "-days", Integer.toString(days),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        run(command);
        return new Pem(cert, key);
    }

    /** @return the key rewritten in the traditional form: {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} */
    public static Path traditional(Path key) {
        Path out = key.resolveSibling(key.getFileName() + ".traditional");
        run(List.of("openssl", "pkey", "-in", key.toString(), "-traditional", "-out", out.toString()));
        return out;
    }

    /** @return a PKCS#12 keystore made by keytool, valid from {@code startDate} (e.g. {@code -3d}) for {@code days} */
    public static Path keystore(Path dir, String name, String password, String startDate, int days) {
        Path p12 = dir.resolve(name + ".p12");
        run(List.of("keytool", "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass",
                password, "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", startDate, "-validity", Integer.toString(days)));
        return p12;
    }

    /** @return the certificate in the PEM file */
    public static X509Certificate read(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a client context that trusts only {@code trusted} */
    public static SSLContext trusting(Certificate trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", trusted);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a TLS socket to 127.0.0.1:{@code port}, handshake done, with the given protocols */
    public static SSLSocket connect(SSLContext context, int port, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), port);
        socket.setSoTimeout(5000);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        javax.net.ssl.SSLParameters p = socket.getSSLParameters();
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(p);
        socket.startHandshake();
        return socket;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (install openssl and a JDK)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
