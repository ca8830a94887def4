package dev.switchboard.plugins.http;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves one http service: a {@link HttpSession} per client, all sharing the router (and its file
 * cache), counters and access log. On {@link #drain()} idle keep-alive connections are closed at once;
 * busy ones finish their response, marked {@code Connection: close}.
 */
final class HttpHandler implements Handler {

    private final HttpConfig config;
    private final ServiceContext context;
    private final Router router;
    private final RequestCounter requests = new RequestCounter();
    private final AccessLog accessLog;
    private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    HttpHandler(HttpConfig config, ServiceContext context) {
        this.config = config;
        this.context = context;
        this.router = new Router(config);
        context.publish(new RequestStatus(context.serviceName(), requests));
        this.accessLog = new AccessLog(config.accessLog());
    }

    @Override
    public void serve(Connection client) throws IOException {
        HttpSession session = new HttpSession(this, client);
        sessions.add(session);
        try {
            session.run();
        } finally {
            sessions.remove(session);
        }
    }

    @Override
    public void drain() {
        draining = true;
        for (HttpSession session : sessions) {
            session.closeIfIdle();
        }
    }

    /** Lets go of the served root (a reload's new handler holds its own). */
    @Override
    public void close() {
        router.close();
    }

    boolean draining() {
        return draining;
    }

    HttpConfig config() {
        return config;
    }

    ServiceContext context() {
        return context;
    }

    Router router() {
        return router;
    }

    RequestCounter requests() {
        return requests;
    }

    AccessLog accessLog() {
        return accessLog;
    }
}
