package dev.switchboard.plugins.http;

import dev.switchboard.api.StatusSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code http-requests} status section: one http service's requests by status code. The admin
 * service shows it and turns it into the {@code switchboard_http_requests_total} series.
 */
final class RequestStatus implements StatusSource {

    private final String service;
    private final RequestCounter requests;

    RequestStatus(String service, RequestCounter requests) {
        this.service = service;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "http-requests";
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> byCode = new LinkedHashMap<>();
        requests.snapshot().forEach((code, count) -> byCode.put(Integer.toString(code), count));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("service", service);
        snapshot.put("byStatus", byCode);
        return snapshot;
    }
}
