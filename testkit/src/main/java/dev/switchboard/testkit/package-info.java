/**
 * Test support for Switchboard protocol plugins (JUnit 5 or any other runner): what a plugin's tests
 * depend on, in test scope, instead of the daemon.
 *
 * <ul>
 *   <li>{@link dev.switchboard.testkit.TestDaemon}: the real daemon in-process on loopback port 0, serving
 *       the protocols on the test class path, or loading the packaged plugin JAR as an installed daemon
 *       would;</li>
 *   <li>{@link dev.switchboard.testkit.LineClient} and {@link dev.switchboard.testkit.RawClient}: real TCP
 *       clients whose every wait has a timeout;</li>
 *   <li>{@link dev.switchboard.testkit.MemoryConnection} with a {@link dev.switchboard.testkit.ManualClock}:
 *       a handler's unit test without sockets or threads;</li>
 *   <li>{@link dev.switchboard.testkit.ConfigAssertions}: a setting's problem by key and message.</li>
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void greetsByName() {
 *     MemoryConnection client = MemoryConnection.withInput("world\n");
 *     new HelloHandler("hello").serve(client);
 *     assertEquals(List.of("hello, world"), client.writtenLines());
 * }
 * }</pre>
 */
package dev.switchboard.testkit;
