/**
 * The {@code admin} protocol: the daemon's own pages, the live dashboard, {@code status.json} and
 * Prometheus {@code /metrics}, on a service of their own (shipped on loopback port 7070).
 *
 * <p>Reading order: {@link dev.switchboard.plugins.admin.AdminProtocol} reads the settings and opens an
 * {@code AdminHandler}, which reads each request's {@code RequestHead} and has the {@code AdminPages}
 * answer it with a {@code Reply}: the {@code Dashboard}'s files, the {@code StatusJson} or the
 * {@code Metrics}, from the status the asking client may see.
 */
package dev.switchboard.plugins.admin;
