package dev.switchboard.daemon.lifecycle;

import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.DaemonKeys;
import dev.switchboard.daemon.config.Key;
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
        for (Key<?> key : DaemonKeys.in(Key.Section.DAEMON)) {
            Object was = key.in(before.daemon());
            Object now = key.in(after.daemon());
            if (!was.equals(now)) {
                changes.add("daemon." + key.name() + " changed to " + key.text(now) + switch (key.reload()) {
                    case RESTART -> ": needs a restart (still " + key.text(was) + ")";
                    case REPLACES_SERVICE -> ": services that use it are replaced below";
                    case APPLIED -> "";
                });
            }
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
