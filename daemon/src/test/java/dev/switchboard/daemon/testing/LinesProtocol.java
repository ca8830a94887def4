package dev.switchboard.daemon.testing;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.DatagramHandler;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Test protocol {@code lines}: echoes each line with an optional {@code prefix}; the line {@code throw}
 * (as a line or a datagram) makes the handler throw, as a buggy plugin would; the line {@code tls?} is answered with what
 * {@link Connection#tls()} says, and {@code who?} with the client's and the proxy's address. Over UDP a datagram comes back after the prefix: the same size without
 * one, larger (an amplification) with one. Records {@link Handler#drain()} in {@link Recorder}.
 * Found on the test class path, as a plugin's tests find theirs.
 */
@Extension
public final class LinesProtocol implements Protocol {

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String prefix = context.settings().string("prefix", "");
        String service = context.serviceName();
        abstract class Both implements Handler, DatagramHandler {
        }
        return new Both() {
            @Override
            public Optional<byte[]> answer(byte[] request, InetSocketAddress source) {
                if (new String(request, StandardCharsets.UTF_8).equals("throw")) {
                    throw new IllegalStateException("told to throw by the test, on a datagram");
                }
                byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
                byte[] answer = java.util.Arrays.copyOf(p, p.length + request.length);
                System.arraycopy(request, 0, answer, p.length, request.length);
                return Optional.of(answer);
            }

            @Override
            public void serve(Connection client) throws IOException {
                LineReader lines = client.lines(1024);
                for (Optional<String> line; (line = lines.readLine()).isPresent(); ) {
                    if (line.get().equals("throw")) {
                        throw new IllegalStateException("told to throw by the test");
                    }
                    String answer = switch (line.get()) {
                        case "tls?" -> client.tls().toString();
                        case "who?" -> "client " + client.remoteAddress() + " proxy " + client.proxyAddress();
                        default -> line.get();
                    };
                    client.output().write((prefix + answer + "\r\n").getBytes(StandardCharsets.UTF_8));
                    client.output().flush();
                }
            }

            @Override
            public void drain() {
                Recorder.drained(service);
            }
        };
    }
}
