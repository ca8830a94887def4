package dev.switchboard.api;

import org.pf4j.ExtensionPoint;

/**
 * A protocol the daemon can serve, contributed by a plugin as a PF4J {@code @Extension}.
 *
 * <p>The daemon creates one instance of each protocol extension and calls {@link #open} once for every
 * enabled service whose {@code protocol:} is {@link #name()}. A plugin may serve several services with
 * different settings (say, {@code time} and {@code daytime} from one time plugin).
 *
 * <pre>{@code
 * @Extension
 * public final class DaytimeProtocol implements Protocol {
 *     public String name() { return "daytime"; }
 *
 *     public Handler open(ServiceContext context) throws ConfigException {
 *         String zoneName = context.settings().string("zone", "UTC");
 *         ZoneId zone;
 *         try {
 *             zone = ZoneId.of(zoneName);
 *         } catch (DateTimeException e) {
 *             throw context.settings().invalid("zone", zoneName + " is not an IANA time zone");
 *         }
 *         return client -> {
 *             client.output().write((ZonedDateTime.now(context.clock().withZone(zone)) + "\r\n")
 *                     .getBytes(StandardCharsets.US_ASCII));
 *             client.output().flush();
 *         };
 *     }
 * }
 * }</pre>
 */
public interface Protocol extends ExtensionPoint {

    /**
     * The name a service's {@code protocol:} key refers to, e.g. {@code "echo"}: lower case letters,
     * digits and {@code -}.
     *
     * @return this protocol's name, constant for the life of the instance
     */
    String name();

    /**
     * Prepares to serve one configured service: reads and validates the service's {@link Settings}
     * and returns the handler its clients will be served by.
     *
     * <p>Read every setting the protocol understands here, even ones a particular configuration does not
     * need: keys that no call reads are reported to the user as unknown. Do not bind sockets or start
     * long work: {@code switchboard check} calls this to validate a configuration and closes the handler
     * straight away. The daemon waits at most {@code daemon.plugin-timeout} (10 s by default) for it:
     * past that the service fails to start (or the reload is refused), and a handler returned later is
     * closed at once. It is called once per start or reload of the service.
     *
     * @param context the service's name, settings and daemon services
     * @return the handler for this service's clients, never {@code null}
     * @throws ConfigException when a setting is missing or wrong; the daemon reports it with the file,
     *     line and key, and the service does not start
     */
    Handler open(ServiceContext context) throws ConfigException;
}
