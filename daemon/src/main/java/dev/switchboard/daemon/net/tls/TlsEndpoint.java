package dev.switchboard.daemon.net.tls;

import dev.switchboard.daemon.config.TlsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One TLS service's server side: its current certificate (swapped by a reload without touching
 * connected clients) and the settings every new session gets: TLS 1.3 and 1.2 only, forward-secret
 * AEAD suites only, the server's order, and ALPN.
 */
public final class TlsEndpoint {

    /** TLS 1.2 suites worth offering: ECDHE key exchange and AEAD ciphers (Mozilla's "intermediate" list). */
    private static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final AtomicReference<TlsMaterial> material;
    private final Duration handshakeTimeout;
    private final String[] alpn;

    /**
     * @param idleTimeout the service's idle timeout: the handshake never gets longer than that
     */
    public TlsEndpoint(TlsMaterial material, TlsConfig config, Duration idleTimeout) {
        this.material = new AtomicReference<>(material);
        this.handshakeTimeout = config.handshakeTimeout().compareTo(idleTimeout) < 0 ? config.handshakeTimeout() : idleTimeout;
        this.alpn = config.alpn().toArray(new String[0]);
    }

    /** Uses {@code next} for every handshake from now on; connected clients keep their sessions. */
    public void replace(TlsMaterial next) {
        material.set(next);
    }

    /** @return the certificate new clients get */
    public TlsMaterial material() {
        return material.get();
    }

    /** @return the deadline for a whole handshake */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** @return a server engine for one client, with this service's settings */
    public SSLEngine engine(InetSocketAddress peer) {
        SSLEngine engine = material.get().context().createSSLEngine(peer.getAddress().getHostAddress(), peer.getPort());
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        Set<String> supported = Set.of(engine.getSupportedCipherSuites());
        p.setProtocols(PROTOCOLS);
        p.setCipherSuites(java.util.stream.Stream.concat(TLS13_SUITES.stream(), TLS12_SUITES.stream())
                .filter(supported::contains).toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        if (alpn.length > 0) {
            p.setApplicationProtocols(Arrays.copyOf(alpn, alpn.length));
        }
        engine.setSSLParameters(p);
        return engine;
    }
}
