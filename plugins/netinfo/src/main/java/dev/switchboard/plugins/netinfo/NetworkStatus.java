package dev.switchboard.plugins.netinfo;

import dev.switchboard.api.StatusSource;
import dev.switchboard.plugins.netinfo.Network.Host;
import java.util.Map;

/** The {@code network} section of the daemon's status: the same report as netinfo's JSON, known values only. */
final class NetworkStatus implements StatusSource {

    private final Sources sources;

    NetworkStatus(Sources sources) {
        this.sources = sources;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public Map<String, Object> snapshot() {
        return ReportMaps.withoutUnknowns(
                ReportMaps.report(Host.read(sources), Interfaces.list(sources).readAll()));
    }
}
