package dev.switchboard.plugins.http;

import dev.switchboard.api.Connection;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: requests read and answered in order (pipelined ones included) until the
 * client or the server closes it. Its state lets {@link HttpHandler#drain()} close it only while it is
 * idle between requests, never in the middle of a response.
 */
final class HttpSession {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSession.class);
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final HttpHandler handler;
    private final Connection client;
    private final Clock clock;
    private final RequestReader reader;
    private final ResponseWriter writer;
    private final AtomicInteger state = new AtomicInteger(BUSY);

    HttpSession(HttpHandler handler, Connection client) {
        this.handler = handler;
        this.client = client;
        this.clock = handler.context().clock();
        this.reader = new RequestReader(client.input(), client,
                handler.config().headerTimeout());
        this.writer = new ResponseWriter(clock);
    }

    void run() throws IOException {
        try {
            // A new connection gets header-timeout to start its first request; later ones keep-alive-timeout.
            Duration wait = handler.config().headerTimeout();
            while (becomeIdle()) {
                boolean arrived = reader.awaitRequest(wait);
                wait = handler.config().keepAliveTimeout();
                if (!state.compareAndSet(IDLE, BUSY) || !arrived || !serveOne()) {
                    return;
                }
            }
        } catch (IOException e) {
            if (state.get() != CLOSED) {
                throw e;
            }
            // closed by drain() while idle: the expected way out
        }
    }

    /** Called by the handler while draining; a busy session finishes its response first. */
    void closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) {
            client.close();
        }
    }

    private boolean draining() {
        return handler.draining() || client.isDraining();
    }

    private boolean becomeIdle() {
        if (draining()) {
            return false;
        }
        state.set(IDLE);
        // drain() may have run between the check and the set and missed this session: look again.
        return !(draining() && state.compareAndSet(IDLE, CLOSED));
    }

    /** @return true when the connection stays open for another request */
    private boolean serveOne() throws IOException {
        Instant start = clock.instant();
        Request request;
        try {
            request = reader.readHead();
        } catch (HttpError e) {
            LOG.debug("{} from {}: {}", e.status(), client.remoteAddress(), e.getMessage());
            send(null, HttpStatus.errorPage(e.status()), false, start);
            if (e.status() != 408) {
                reader.linger(LINGER, HttpConfig.MAX_DISCARDED_BODY);
            }
            return false;
        }
        boolean keepAlive = request.wantsKeepAlive();
        boolean unreadBody = false;
        Response response;
        try {
            unreadBody = !skipBody(request);
            keepAlive &= !unreadBody;
            response = answer(request);
        } catch (HttpError e) {
            LOG.debug("{} for '{}' from {}: {}", e.status(), request.line(), client.remoteAddress(), e.getMessage());
            response = HttpStatus.errorPage(e.status());
            keepAlive &= !e.fatal();
        }
        // Draining: this response is the last on the connection, and says so.
        keepAlive &= !draining();
        send(request, response, keepAlive, start);
        if (unreadBody) {
            reader.linger(LINGER, HttpConfig.MAX_DISCARDED_BODY);
        }
        return keepAlive;
    }

    /**
     * Reads and drops a request body this server has no use for, so the next request starts where it
     * should; a body too large, chunked, or awaiting 100-continue is left, and the connection closes.
     *
     * @return false when the body was left unread
     */
    private boolean skipBody(Request request) throws IOException, HttpError {
        long body = request.bodyLength();
        if (body < 0 || body > HttpConfig.MAX_DISCARDED_BODY
                || (body > 0 && request.headers().first("expect").isPresent())) {
            return false;
        }
        if (body > 0) {
            reader.discard(body);
        }
        return true;
    }

    /** Routes a request whose framing is sound; file system trouble becomes an error page. */
    private Response answer(Request request) throws HttpError {
        List<String> hosts = request.headers().all("host");
        if (hosts.size() > 1 || (hosts.isEmpty() && request.minorVersion() >= 1)) {
            throw HttpError.of(400, "HTTP/1.1 needs exactly one Host field");
        }
        if (!hosts.isEmpty() && !HostField.isValid(hosts.get(0))) {
            throw HttpError.of(400, "malformed Host field");
        }
        try {
            return handler.router().route(request);
        } catch (NoSuchFileException e) {
            return HttpStatus.errorPage(404);
        } catch (AccessDeniedException e) {
            return HttpStatus.errorPage(403);
        } catch (IOException e) {
            LOG.warn("cannot answer '{}': {}", request.line(), e.toString());
            return HttpStatus.errorPage(500);
        } catch (RuntimeException e) {
            // A bug here: this request fails, the connection and others go on.
            LOG.error("failed to answer '{}'", request.line(), e);
            return HttpStatus.errorPage(500);
        }
    }

    private void send(Request request, Response response, boolean keepAlive, Instant start) throws IOException {
        try (response) {
            boolean head = request != null && request.isHead();
            boolean http10 = request != null && request.minorVersion() == 0;
            long sent = writer.write(client, response, head, keepAlive, http10 && keepAlive,
                    !keepAlive || !reader.hasBuffered());
            handler.requests().count(response.status());
            handler.accessLog().log(client.remoteAddress(), start, request == null ? "-" : request.line(),
                    response.status(), sent,
                    request == null ? "-" : request.headers().first("referer").orElse("-"),
                    request == null ? "-" : request.headers().first("user-agent").orElse("-"));
        }
    }
}
