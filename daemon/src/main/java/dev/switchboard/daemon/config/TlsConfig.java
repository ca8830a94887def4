package dev.switchboard.daemon.config;

import dev.switchboard.api.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's TLS settings, inherited from {@code defaults:}: a PEM chain and key, or a PKCS#12 keystore
 * with its password file. Setting a certificate or keystore turns TLS on for the service.
 *
 * @param certificate {@code tls-certificate}: the PEM chain, leaf first (certbot's {@code fullchain.pem})
 * @param key {@code tls-key}: the PEM private key (PKCS#8, RSA or EC)
 * @param keystore {@code tls-keystore}: a PKCS#12 file, instead of the two above
 * @param passwordFile {@code tls-keystore-password-file}: the file whose first line is the keystore's password
 * @param handshakeTimeout {@code tls-handshake-timeout}: the whole handshake's deadline
 * @param alpn {@code tls-alpn}: the application protocols offered; for http {@code [http/1.1]} unless set
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> key, Optional<Path> keystore,
                        Optional<Path> passwordFile, Duration handshakeTimeout, List<String> alpn) {

    /** No TLS. */
    public static final TlsConfig NONE = new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DaemonKeys.TLS_HANDSHAKE_TIMEOUT.fallback(), List.of());

    public TlsConfig {
        alpn = List.copyOf(alpn);
    }

    /** @return true when the service speaks TLS */
    public boolean enabled() {
        return certificate.isPresent() || keystore.isPresent();
    }

    /**
     * Reads the TLS keys of one section on top of {@code base} (the defaults).
     *
     * @param protocol the service's protocol, for its default ALPN; empty for {@code defaults:}
     */
    static TlsConfig read(YamlSettings s, TlsConfig base, String protocol) throws ConfigException {
        Optional<Path> certificate = DaemonKeys.TLS_CERTIFICATE.read(s, base.certificate());
        Optional<Path> key = DaemonKeys.TLS_KEY.read(s, base.key());
        Optional<Path> keystore = DaemonKeys.TLS_KEYSTORE.read(s, base.keystore());
        Optional<Path> password = DaemonKeys.TLS_KEYSTORE_PASSWORD_FILE.read(s, base.passwordFile());
        Duration handshake = DaemonKeys.TLS_HANDSHAKE_TIMEOUT.read(s, base.handshakeTimeout());
        List<String> alpn = s.has("tls-alpn") ? DaemonKeys.TLS_ALPN.read(s, base.alpn())
                : !base.alpn().isEmpty() || !protocol.equals("http") ? base.alpn() : List.of("http/1.1");
        // A keystore set in a service wins over a PEM pair inherited from defaults:, and the other way round.
        if (s.has("tls-keystore") && !s.has("tls-certificate")) {
            certificate = Optional.empty();
            key = Optional.empty();
        } else if (s.has("tls-certificate") && !s.has("tls-keystore")) {
            keystore = Optional.empty();
            password = Optional.empty();
        }
        if (certificate.isPresent() && keystore.isPresent()) {
            throw s.invalid("tls-keystore", "set either tls-certificate and tls-key (PEM) or tls-keystore, not both");
        }
        if (certificate.isPresent() != key.isPresent()) {
            throw s.invalid(certificate.isPresent() ? "tls-certificate" : "tls-key",
                    "tls-certificate and tls-key go together: set both (a PEM chain and its private key)");
        }
        if (keystore.isPresent() && password.isEmpty()) {
            throw s.invalid("tls-keystore", "a PKCS#12 keystore needs tls-keystore-password-file: FILE");
        }
        return new TlsConfig(certificate, key, keystore, password, handshake, alpn);
    }
}
