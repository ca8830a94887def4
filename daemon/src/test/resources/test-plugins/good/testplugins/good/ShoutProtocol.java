package testplugins.good;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.pf4j.Extension;

/** Test plugin: answers each line in upper case. Compiled and packed into a JAR by the daemon's tests. */
@Extension
public final class ShoutProtocol implements Protocol {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String suffix = context.settings().string("suffix", "");
        return (Connection client) -> {
            LineReader lines = client.lines(256);
            for (Optional<String> line; (line = lines.readLine()).isPresent(); ) {
                String answer = line.get().toUpperCase(Locale.ROOT) + suffix + "\r\n";
                client.output().write(answer.getBytes(StandardCharsets.UTF_8));
                client.output().flush();
            }
        };
    }
}
