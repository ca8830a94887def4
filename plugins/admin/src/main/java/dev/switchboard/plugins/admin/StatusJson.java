package dev.switchboard.plugins.admin;

import dev.switchboard.api.ActivityHistory;
import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Histogram;
import dev.switchboard.api.LogLine;
import dev.switchboard.api.Json;
import dev.switchboard.api.ServiceActivity;
import dev.switchboard.api.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The daemon's status as the JSON document served at {@code /status.json}. */
final class StatusJson {

    private StatusJson() {
    }

    static String render(DaemonStatus status) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", status.version());
        root.put("started", status.started().toString());
        root.put("uptimeSeconds", status.uptime().toSeconds());
        root.put("jvm", status.jvm());
        root.put("threadMode", status.threadMode());
        List<Object> services = new ArrayList<>();
        for (ServiceStatus s : status.services()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", s.name());
            service.put("protocol", s.protocol());
            service.put("plugin", s.pluginId());
            service.put("pluginVersion", s.pluginVersion());
            service.put("address", s.address());
            service.put("port", s.port());
            service.put("state", s.state().name());
            service.put("problem", s.problem());
            service.put("activeConnections", s.activeConnections());
            service.put("totalConnections", s.totalConnections());
            service.put("rejectedConnections", s.rejectedConnections());
            service.put("bytesIn", s.bytesIn());
            service.put("bytesOut", s.bytesOut());
            service.put("stuckHandlers", s.stuckHandlers());
            service.put("failedHandlers", s.failedHandlers());
            service.put("failedPluginCalls", s.failedPluginCalls());
            services.add(service);
        }
        root.put("services", services);
        root.put("sources", status.sources());
        root.put("history", status.history().stream().map(StatusJson::history).toList());
        root.put("activity", status.activity().stream().map(StatusJson::activity).toList());
        root.put("recentTrouble", status.recentTrouble().stream().map(StatusJson::logLine).toList());
        root.put("reloads", status.reloads());
        return Json.write(root);
    }

    private static Map<String, Object> history(ActivityHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.name());
        m.put("intervalSeconds", h.interval().toSeconds());
        m.put("times", h.times().stream().map(Instant::toEpochMilli).toList());
        m.put("series", h.series());
        return m;
    }

    private static Map<String, Object> activity(ServiceActivity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", a.service());
        m.put("clients", a.clients().stream().map(c -> {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("address", c.address());
            client.put("since", c.since().toString());
            client.put("bytesIn", c.bytesIn());
            client.put("bytesOut", c.bytesOut());
            client.put("idleSeconds", c.idle().toMillis() / 1000.0);
            return client;
        }).toList());
        m.put("otherClients", a.otherClients());
        m.put("refusedByReason", a.refusedByReason());
        Histogram d = a.durations();
        m.put("durations", Map.of("upperBoundsSeconds", d.upperBounds(), "cumulativeCounts", d.cumulativeCounts(),
                "count", d.count(), "sumSeconds", d.sum()));
        return m;
    }

    private static Map<String, Object> logLine(LogLine line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", line.time().toString());
        m.put("level", line.level());
        m.put("logger", line.logger());
        m.put("message", line.message());
        return m;
    }
}
