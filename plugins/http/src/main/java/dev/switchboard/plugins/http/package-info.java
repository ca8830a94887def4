/**
 * The {@code http} protocol: an HTTP/1.1 static file server.
 *
 * <p>Reading order: {@link dev.switchboard.plugins.http.HttpProtocol} reads the settings and opens a
 * {@code HttpHandler}; each client gets a {@code HttpSession}, which reads requests with a
 * {@code RequestReader}, has the {@code Router} answer them (files through {@code TargetPath},
 * {@code PathResolver} and {@code FileResponder}) and writes them with a {@code ResponseWriter}, logging
 * each to the {@code AccessLog} and counting it in the {@code RequestCounter} its {@code RequestStatus}
 * shows.
 */
package dev.switchboard.plugins.http;
