package com.example.counter;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/**
 * Named counters shared by every client of a service: {@code incr NAME} adds one and answers the new
 * value, {@code get NAME} answers it, {@code names} lists them, {@code quit} ends the session. The
 * dashboard and {@code status.json} show the counters too.
 *
 * <pre>{@code
 * services:
 *   counter:
 *     port: 7003
 *     max-counters: 1000    # the default; more names are refused
 * }</pre>
 *
 * <p>The counters are the plugin's state ({@link ServiceContext#pluginState}): every client of every
 * counter service uses them, each on its own thread, and a reload that changes a setting (and so
 * opens a new handler) keeps them. They start again at zero only when the plugin is upgraded or
 * removed; a counter that must outlive that belongs in a file.
 */
@Extension
public final class CounterProtocol implements Protocol {

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        int maxCounters = context.settings().integer("max-counters", 1000, 1, 1_000_000);
        Counters counters = context.pluginState(Counters.class, Counters::new);
        context.publish(counters);
        return new CounterHandler(counters, maxCounters);
    }
}
