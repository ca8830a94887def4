package dev.switchboard.plugins.chat.session;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the plugin's own threads: the writer tasks that send clients their lines. Where the JVM has
 * virtual threads (Java 21+) each task gets a new one, which costs about as much as a method call;
 * on Java 17 tasks share a {@link WriterPool} of about one platform thread per processor, which sends
 * each outbox's lines in batches the way an event loop would (a platform thread per writer task cost a
 * thread wake-up per line: 0.5x ngircd's fan-out). Reached by reflection because the plugin is
 * compiled for Java 17.
 */
final class Writers {

    private static final Logger LOG = LoggerFactory.getLogger(Writers.class);
    private static final Executor WRITERS = writerExecutor();

    private Writers() {
    }

    /** @return where writer tasks run; {@code execute} never blocks and never rejects */
    static Executor executor() {
        return WRITERS;
    }

    private static Executor writerExecutor() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "chat-writer-", 1L);
            ThreadFactory virtual = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return task -> virtual.newThread(task).start();
        } catch (ReflectiveOperationException e) {
            LOG.debug("no virtual threads on this JVM: chat writers share a pool of platform threads", e);
            return new WriterPool(Runtime.getRuntime().availableProcessors());
        }
    }
}
