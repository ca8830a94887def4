package dev.switchboard.plugins.echo;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/** The echo protocol of RFC 862: every byte a client sends comes straight back. */
@Extension
public final class EchoProtocol implements Protocol {

    /** Large enough that a fast client's stream moves in few system calls. */
    static final int DEFAULT_BUFFER = 64 * 1024;

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        long buffer = context.settings().size("buffer", DEFAULT_BUFFER, 512, 16 * 1024 * 1024);
        return new EchoHandler((int) buffer);
    }
}
