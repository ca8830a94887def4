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
 * <p>Apart from PF4J's {@code ExtensionPoint}, which {@link dev.switchboard.api.Protocol} and
 * {@link dev.switchboard.api.StatusSource} extend so that PF4J can find them (PF4J is therefore a
 * {@code provided} dependency of every plugin), the API uses JDK types only: no YAML, logging or other
 * PF4J types cross it. Plugins log through SLF4J (provided by the daemon) and their output lands in the
 * daemon's log. {@code docs/plugin-api.md} gives every type's threading contract with an example, and
 * {@code docs/compatibility.md} what later releases keep working.
 */
package dev.switchboard.api;
