package dev.switchboard.plugins.chat.session;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the plugin's own threads: the writer tasks that send clients their lines. Where the JVM has
 * virtual threads (Java 21+) each task gets a new one, which costs about as much as a method call;
 * on Java 17 tasks share a pool of platform daemon threads that end after a few idle seconds. Reached
 * by reflection because the plugin is compiled for Java 17.
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
            AtomicLong count = new AtomicLong();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "chat-writer-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            return pool;
        }
    }
}
