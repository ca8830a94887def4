package dev.switchboard.daemon.service;

import dev.switchboard.api.ConfigException;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.net.tls.TlsMaterial;
import dev.switchboard.daemon.net.tls.TlsMaterialException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a TLS service's certificate and key, turning what is wrong into a problem at the service's
 * {@code tls-certificate} (or {@code tls-keystore}) line: used to start, by {@code check}, and by reload.
 */
public final class ServiceTls {

    private ServiceTls() {
    }

    /**
     * @return the service's material; empty for a service without TLS
     * @throws ServiceFailure when a file is missing, unreadable, does not parse, the key does not match
     *     the certificate, or the certificate is not valid at {@code now}
     */
    public static Optional<TlsMaterial> load(ServiceConfig config, Instant now) throws ServiceFailure {
        if (!config.tls().enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsMaterial.load(config.tls(), now));
        } catch (TlsMaterialException e) {
            String key = config.tls().keystore().isPresent() ? "tls-keystore" : "tls-certificate";
            throw new ServiceFailure(config.settings().problem(new ConfigException(key, e.getMessage())));
        }
    }

    /** @return what is wrong with the service's certificate and key; empty when they are usable */
    public static List<Problem> validate(ServiceConfig config, Instant now) {
        try {
            load(config, now);
            return List.of();
        } catch (ServiceFailure f) {
            return f.problems();
        }
    }
}
