/**
 * The API a Switchboard protocol plugin compiles against.
 *
 * <p>A plugin contributes a {@link dev.switchboard.api.Protocol} as a PF4J {@code @Extension}. For every
 * service in {@code switchboard.yml} that names the protocol, the daemon calls
 * {@link dev.switchboard.api.Protocol#open(ServiceContext)} once and gets a
 * {@link dev.switchboard.api.Handler}; then, for every client that passes the service's access rules and
 * limits, it calls {@link dev.switchboard.api.Handler#serve(Connection)} on the daemon's shared executor.
 *
 * <pre>{@code
 * @Extension
 * public final class EchoProtocol implements Protocol {
 *     public String name() { return "echo"; }
 *     public Handler open(ServiceContext context) {
 *         return client -> client.input().transferTo(client.output());
 *     }
 * }
 * }</pre>
 *
 * <p>Everything here uses JDK types only: no PF4J internals, YAML or logging types cross this API.
 * Plugins log through SLF4J (provided by the daemon) and their output lands in the daemon's log.
 */
package dev.switchboard.api;
