package dev.switchboard.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS connection agreed on, from {@link Connection#tls()}. The daemon does the TLS: a handler
 * reads and writes plaintext either way, and asks only when it cares.
 *
 * <pre>{@code
 * client.tls().ifPresent(tls ->
 *     log.info("{} over {} with {}", client.remoteAddress(), tls.protocol(), tls.cipherSuite()));
 * String scheme = client.tls().isPresent() ? "https" : "http";
 * }</pre>
 *
 * @param protocol the TLS version, e.g. {@code TLSv1.3}
 * @param cipherSuite the cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param serverName the host name the client asked for (SNI), if it sent one
 * @param applicationProtocol the protocol agreed with ALPN, e.g. {@code http/1.1}, if any
 */
public record TlsInfo(String protocol, String cipherSuite, Optional<String> serverName,
                      Optional<String> applicationProtocol) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
    }
}
