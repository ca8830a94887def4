package dev.switchboard.testkit.tally;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tally plugin's state: clients counted across all its services and reloads. Closing it appends a
 * line to the file the system property {@code tally.journal} names, so a test sees when the daemon let go.
 */
public final class Tally implements AutoCloseable {

    private final AtomicLong clients = new AtomicLong();

    /** @return this client's number, from 1 */
    long next() {
        return clients.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        String journal = System.getProperty("tally.journal");
        if (journal != null) {
            Files.writeString(Path.of(journal), "closed after " + clients.get() + " clients\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
