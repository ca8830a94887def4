package dev.switchboard.testkit;

import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.DataInputStream;
import java.io.EOFException;
import org.pf4j.Extension;

/** A test protocol for raw clients: reads one length byte and that many bytes, answers them reversed. */
@Extension
public final class ReverseProtocol implements Protocol {

    @Override
    public String name() {
        return "reverse";
    }

    @Override
    public Handler open(ServiceContext context) {
        return client -> {
            DataInputStream in = new DataInputStream(client.input());
            while (true) {
                byte[] frame;
                try {
                    frame = new byte[in.readUnsignedByte()];
                    in.readFully(frame);
                } catch (EOFException e) {
                    return;
                }
                for (int i = frame.length - 1; i >= 0; i--) {
                    client.output().write(frame[i]);
                }
                client.output().flush();
            }
        };
    }
}
