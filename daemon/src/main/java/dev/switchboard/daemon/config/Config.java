package dev.switchboard.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * A validated configuration.
 *
 * @param file the file it came from, as the user named it
 * @param daemon the {@code daemon:} section
 * @param services every service, enabled or not, in file order
 */
public record Config(String file, DaemonSettings daemon, List<ServiceConfig> services) {

    public Config {
        services = List.copyOf(services);
    }

    /** @return the service with that name */
    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
