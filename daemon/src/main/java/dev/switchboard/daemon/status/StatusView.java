package dev.switchboard.daemon.status;

import dev.switchboard.api.DaemonStatus;
import java.net.InetAddress;

/** The daemon's status as a protocol may show it: filtered by who is looking (see {@link StatusSection}). */
public interface StatusView {

    /** @return the status with only the sections any client may see */
    DaemonStatus forAnyone();

    /** @return the status with only the sections this client may see */
    DaemonStatus forClient(InetAddress client);

    /** @return a view that shows everyone the same status: for opening a handler only to validate it */
    static StatusView of(DaemonStatus status) {
        return new StatusView() {
            @Override
            public DaemonStatus forAnyone() {
                return status;
            }

            @Override
            public DaemonStatus forClient(InetAddress client) {
                return status;
            }
        };
    }
}
