package dev.switchboard.plugins.admin;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Histogram;
import dev.switchboard.api.ServiceActivity;
import dev.switchboard.api.ServiceStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The daemon's status in the Prometheus text exposition format (version 0.0.4): one family per
 * quantity, {@code _total} counters and plain gauges, labelled by {@code service} and {@code protocol}.
 * The series are those of 0.1.0, when the http plugin served them, under the same names; the http
 * services' request counts come from their {@code http-requests} status sections.
 */
final class Metrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private Metrics() {
    }

    /** The status section each http service publishes, named {@code http-requests} or {@code http-requests@<service>}. */
    private static final String HTTP_REQUESTS = "http-requests";

    /** @param status the daemon's status as the client asking may see it */
    static String render(DaemonStatus status) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "switchboard_info", "gauge", "The daemon's version, Java runtime and thread mode.");
        out.append("switchboard_info{version=\"").append(label(status.version())).append("\",jvm=\"")
                .append(label(status.jvm())).append("\",thread_mode=\"").append(label(status.threadMode()))
                .append("\"} 1\n");
        family(out, "switchboard_uptime_seconds", "gauge", "Seconds since the daemon started.");
        out.append("switchboard_uptime_seconds ").append(number(status.uptime().toMillis() / 1000.0)).append('\n');
        family(out, "switchboard_service_up", "gauge", "1 while the service accepts clients, else 0.");
        for (ServiceStatus s : status.services()) {
            sample(out, "switchboard_service_up", s, s.state() == ServiceStatus.State.RUNNING ? 1 : 0);
        }
        perService(out, status, "switchboard_service_connections_active", "gauge",
                "Clients connected now.", ServiceStatus::activeConnections);
        perService(out, status, "switchboard_service_connections_total", "counter",
                "Clients admitted since the service started.", ServiceStatus::totalConnections);
        perService(out, status, "switchboard_service_connections_rejected_total", "counter",
                "Clients refused by access rules or limits.", ServiceStatus::rejectedConnections);
        perService(out, status, "switchboard_service_handlers_stuck", "gauge",
                "Handlers still running well after their client closed.", ServiceStatus::stuckHandlers);
        perService(out, status, "switchboard_service_handler_failures_total", "counter",
                "Handlers that threw (a bug in the protocol plugin).", ServiceStatus::failedHandlers);
        perService(out, status, "switchboard_service_plugin_call_failures_total", "counter",
                "Calls into the plugin on start, reload and stop (open, drain, close) that threw or overran "
                + "daemon.plugin-timeout.", ServiceStatus::failedPluginCalls);
        perService(out, status, "switchboard_service_received_bytes_total", "counter",
                "Bytes received from clients.", ServiceStatus::bytesIn);
        perService(out, status, "switchboard_service_sent_bytes_total", "counter",
                "Bytes sent to clients.", ServiceStatus::bytesOut);
        activity(out, status);
        family(out, "switchboard_reloads_total", "counter", "Reloads since the daemon started, by outcome.");
        status.reloads().forEach((outcome, count) -> out.append("switchboard_reloads_total{outcome=\"")
                .append(label(outcome)).append("\"} ").append(count).append('\n'));
        family(out, "switchboard_plugin_info", "gauge", "Each plugin a service runs on, with its version.");
        status.services().stream().filter(s -> !s.pluginId().isEmpty())
                .map(s -> "switchboard_plugin_info{plugin=\"" + label(s.pluginId()) + "\",version=\""
                        + label(s.pluginVersion()) + "\"} 1\n")
                .distinct().forEach(out::append);
        family(out, "switchboard_http_requests_total", "counter", "HTTP requests answered, by status code.");
        status.sources().forEach((name, section) -> {
            if (name.equals(HTTP_REQUESTS) || name.startsWith(HTTP_REQUESTS + "@")) {
                httpRequests(out, section);
            }
        });
        return out.toString();
    }

    /** Refusals by reason and connection durations: only for services whose rules admit the asker. */
    private static void activity(StringBuilder out, DaemonStatus status) {
        Map<String, String> protocols = new HashMap<>();
        status.services().forEach(s -> protocols.put(s.name(), s.protocol()));
        family(out, "switchboard_service_refusals_total", "counter",
                "Clients refused, by reason: denied (allow/deny), rate, limit, other.");
        for (ServiceActivity a : status.activity()) {
            String labels = labels(a.service(), protocols.getOrDefault(a.service(), ""));
            a.refusedByReason().forEach((reason, count) -> out.append("switchboard_service_refusals_total{")
                    .append(labels).append(",reason=\"").append(label(reason)).append("\"} ").append(count).append('\n'));
        }
        String name = "switchboard_service_connection_duration_seconds";
        family(out, name, "histogram", "How long connections lasted, once they ended.");
        for (ServiceActivity a : status.activity()) {
            String labels = labels(a.service(), protocols.getOrDefault(a.service(), ""));
            Histogram h = a.durations();
            for (int i = 0; i < h.upperBounds().size(); i++) {
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(number(h.upperBounds().get(i)))
                        .append("\"} ").append(h.cumulativeCounts().get(i)).append('\n');
            }
            out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(h.count()).append('\n');
            out.append(name).append("_sum{").append(labels).append("} ").append(number(h.sum())).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(h.count()).append('\n');
        }
    }

    private static String labels(String service, String protocol) {
        return "service=\"" + label(service) + "\",protocol=\"" + label(protocol) + "\"";
    }

    private static void httpRequests(StringBuilder out, Map<String, Object> section) {
        if (!(section.get("service") instanceof String service) || !(section.get("byStatus") instanceof Map<?, ?> codes)) {
            return;
        }
        codes.forEach((code, count) -> {
            if (count instanceof Number n && String.valueOf(code).matches("[1-5][0-9][0-9]")) {
                out.append("switchboard_http_requests_total{service=\"").append(label(service)).append("\",code=\"")
                        .append(code).append("\"} ").append(n.longValue()).append('\n');
            }
        });
    }

    private static void perService(StringBuilder out, DaemonStatus status, String name, String type, String help,
            ToLongFunction<ServiceStatus> value) {
        family(out, name, type, help);
        for (ServiceStatus s : status.services()) {
            sample(out, name, s, value.applyAsLong(s));
        }
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, ServiceStatus s, long value) {
        out.append(name).append('{').append(labels(s.name(), s.protocol())).append("} ").append(value).append('\n');
    }

    /**
     * @return the value as Double.toString writes it, but never in exponent notation: it writes small
     *     values such as a sum of sub-millisecond durations as 9.36964E-4, which strict parsers refuse
     */
    static String number(double value) {
        String text = Double.toString(value);
        return text.indexOf('E') < 0 ? text : java.math.BigDecimal.valueOf(value).toPlainString();
    }

    /** Label values escape backslash, double quote and line feed. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
