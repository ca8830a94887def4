package dev.switchboard.plugins.admin;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Json;
import dev.switchboard.api.ServiceStatus;
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
        return Json.write(root);
    }
}
