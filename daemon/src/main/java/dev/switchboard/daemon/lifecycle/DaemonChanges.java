package dev.switchboard.daemon.lifecycle;

import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.DaemonSettings;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.plugin.PluginInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload changes besides services: the {@code daemon:} settings (some of which only a restart
 * applies) and the plugins found in the plugin directories. One line each, for the log; the new
 * plugins' problems are logged apart, as warnings.
 */
final class DaemonChanges {

    private DaemonChanges() {
    }

    static List<String> between(Config before, Config after, PluginHost oldPlugins, PluginHost newPlugins) {
        List<String> changes = new ArrayList<>();
        DaemonSettings a = before.daemon();
        DaemonSettings b = after.daemon();
        if (!a.threads().equals(b.threads())) {
            changes.add("daemon.threads changed to " + b.threads() + ": needs a restart (clients still run on "
                    + a.threads() + ")");
        }
        if (a.maxConnections() != b.maxConnections()) {
            changes.add("daemon.max-connections changed to " + b.maxConnections() + ": needs a restart (still "
                    + a.maxConnections() + ")");
        }
        if (!a.bind().equals(b.bind())) {
            changes.add("daemon.bind changed to " + AddressText.of(b.bind())
                    + ": services that use it are replaced below");
        }
        if (!a.shutdownGrace().equals(b.shutdownGrace())) {
            changes.add("daemon.shutdown-grace changed to " + b.shutdownGrace().toMillis() + " ms");
        }
        if (!a.pluginTimeout().equals(b.pluginTimeout())) {
            changes.add("daemon.plugin-timeout changed to " + b.pluginTimeout().toMillis() + " ms");
        }
        if (!a.pluginDirs().equals(b.pluginDirs())) {
            changes.add("daemon.plugins changed to " + b.pluginDirs());
        }
        changes.addAll(pluginChanges(oldPlugins.plugins(), newPlugins.plugins()));
        return changes;
    }

    private static List<String> pluginChanges(List<PluginInfo> before, List<PluginInfo> after) {
        Map<String, PluginInfo> old = new LinkedHashMap<>();
        before.forEach(p -> old.put(p.id(), p));
        List<String> changes = new ArrayList<>();
        for (PluginInfo p : after) {
            PluginInfo was = old.remove(p.id());
            if (was == null) {
                changes.add("plugin " + p.id() + " " + p.version() + " added from " + p.path().getFileName()
                        + ": protocols " + p.protocols());
            } else if (!was.version().equals(p.version()) || !was.path().equals(p.path())) {
                changes.add("plugin " + p.id() + " " + was.version() + " (" + was.path().getFileName() + ") is now "
                        + p.version() + " (" + p.path().getFileName() + ")");
            }
        }
        old.values().forEach(p -> changes.add("plugin " + p.id() + " " + p.version() + " removed"));
        return changes;
    }
}
