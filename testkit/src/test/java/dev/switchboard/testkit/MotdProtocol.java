package dev.switchboard.testkit;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A test protocol that reads its files once, at open: {@code motd} (a path setting) and, when
 * {@code banner} names one, a file it declares with {@code ServiceContext.input}. Answers with both.
 */
@Extension
public final class MotdProtocol implements Protocol {

    @Override
    public String name() {
        return "motd";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Path motd = context.settings().path("motd", Path.of("motd.txt"));
        Optional<String> banner = context.settings().string("banner");
        String text = read(context, "motd", motd);
        if (banner.isPresent()) {
            Path file = Path.of(banner.get());
            context.input(file);
            text = read(context, "banner", file) + text;
        }
        byte[] answer = text.getBytes(StandardCharsets.UTF_8);
        return client -> {
            client.output().write(answer);
            client.output().flush();
        };
    }

    private static String read(ServiceContext context, String key, Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw context.settings().invalid(key, file + " cannot be read: " + e);
        }
    }
}
