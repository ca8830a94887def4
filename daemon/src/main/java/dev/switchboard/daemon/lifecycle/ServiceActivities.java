package dev.switchboard.daemon.lifecycle;

import dev.switchboard.api.ServiceActivity;
import dev.switchboard.daemon.net.TopClients;
import dev.switchboard.daemon.net.TrafficStats;
import dev.switchboard.daemon.service.Service;
import dev.switchboard.daemon.status.ActivityRecorder;
import dev.switchboard.daemon.status.Viewer;
import java.time.Instant;
import java.util.List;

/** Each service's activity for the status, and its counters for the history, from the running services. */
final class ServiceActivities {

    /** The clients listed per service: the rest are counted. */
    static final int LISTED_CLIENTS = 25;

    private ServiceActivities() {
    }

    /** @return the activity of each service whose own access rules admit the viewer, in configuration order */
    static List<ServiceActivity> of(List<Service> services, Viewer viewer, Instant now) {
        return services.stream().filter(s -> viewer.sees(List.of(s.config().access())))
                .map(s -> of(s, now)).toList();
    }

    private static ServiceActivity of(Service service, Instant now) {
        TopClients top = service.listener().map(l -> l.connected(LISTED_CLIENTS, now))
                .orElse(new TopClients(List.of(), 0));
        TrafficStats traffic = service.traffic();
        return new ServiceActivity(service.name(), top.listed(), top.others(), traffic.refusedByReason(),
                traffic.durations());
    }

    /** @return each service's counters, for one history sample */
    static List<ActivityRecorder.Measured> measured(List<Service> services) {
        return services.stream().map(s -> new ActivityRecorder.Measured(s.name(), s.traffic())).toList();
    }
}
