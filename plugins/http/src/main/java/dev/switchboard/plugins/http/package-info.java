/**
 * The {@code http} protocol: an HTTP/1.1 static file server with a live status dashboard and
 * Prometheus metrics.
 *
 * <p>Reading order: {@link dev.switchboard.plugins.http.HttpProtocol} reads the settings and opens a
 * {@code HttpHandler}; each client gets a {@code HttpSession}, which reads requests with a
 * {@code RequestReader}, has the {@code Router} answer them (files through {@code TargetPath},
 * {@code PathResolver} and {@code FileResponder}; the {@code Dashboard}; {@code Metrics}) and writes
 * them with a {@code ResponseWriter}, logging each to the {@code AccessLog}.
 */
package dev.switchboard.plugins.http;
