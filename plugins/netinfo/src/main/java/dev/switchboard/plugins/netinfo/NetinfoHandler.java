package dev.switchboard.plugins.netinfo;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Json;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.LineTooLongException;
import dev.switchboard.plugins.netinfo.Network.Host;
import dev.switchboard.plugins.netinfo.Network.Interface;
import dev.switchboard.plugins.netinfo.Request.BadRequest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one request line (at most 256 bytes, all within the request timeout), answers it from fresh OS data. */
final class NetinfoHandler implements Handler {

    /** The longest request line accepted, in bytes. */
    static final int MAX_REQUEST = 256;

    private static final Logger LOG = LoggerFactory.getLogger(NetinfoHandler.class);

    private final Sources sources;
    private final Duration requestTimeout;

    NetinfoHandler(Sources sources, Duration requestTimeout) {
        this.sources = sources;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void serve(Connection client) throws IOException {
        String answer;
        try {
            // ISO-8859-1 keeps every byte one char, so junk is seen as junk rather than as U+FFFD.
            Optional<String> line = new LineReader(new DeadlineInput(client, requestTimeout), MAX_REQUEST,
                    StandardCharsets.ISO_8859_1).readLine();
            answer = answer(line.orElse(""));
        } catch (SocketTimeoutException e) {
            LOG.debug("{}: no request from {} within {}", client.serviceName(), client.remoteAddress(), requestTimeout);
            answer = error("no complete request within " + requestTimeout.toMillis() + " ms");
        } catch (LineTooLongException e) {
            answer = error("request longer than " + MAX_REQUEST + " bytes");
        }
        client.output().write(answer.getBytes(StandardCharsets.UTF_8));
        client.output().flush();
    }

    /** @return the complete answer to one request line */
    String answer(String line) {
        Request request;
        try {
            request = Request.parse(line);
        } catch (BadRequest e) {
            return error(e.getMessage());
        }
        if (request.kind() == Request.Kind.HELP) {
            return Request.SYNTAX;
        }
        boolean json = request.kind() == Request.Kind.JSON;
        Interfaces interfaces = Interfaces.list(sources);
        if (request.interfaceName().isPresent()) {
            String name = request.interfaceName().get();
            Optional<Interface> one = interfaces.read(name);
            if (one.isEmpty()) {
                return error("no interface '" + name + "'; known: " + String.join(" ", interfaces.names()));
            }
            return json ? Json.write(ReportMaps.of(one.get())) + "\r\n" : TextReport.of(one.get());
        }
        Host host = Host.read(sources);
        return json
                ? Json.write(ReportMaps.report(host, interfaces.readAll())) + "\r\n"
                : TextReport.all(host, interfaces.readAll());
    }

    private static String error(String message) {
        return "error: " + message + "\r\n";
    }
}
