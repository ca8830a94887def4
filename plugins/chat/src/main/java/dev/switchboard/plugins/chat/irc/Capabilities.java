package dev.switchboard.plugins.chat.irc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IRCv3 capabilities this server offers (CAP LS) and the ones one client has asked for (CAP REQ).
 * Read by the client's front under the chat's lock while its session changes them, hence concurrent.
 */
final class Capabilities {

    static final String CAP_NOTIFY = "cap-notify";
    static final String MESSAGE_TAGS = "message-tags";
    static final String SERVER_TIME = "server-time";
    static final String MULTI_PREFIX = "multi-prefix";
    static final String ECHO_MESSAGE = "echo-message";
    static final String AWAY_NOTIFY = "away-notify";
    static final List<String> OFFERED =
            List.of(AWAY_NOTIFY, CAP_NOTIFY, ECHO_MESSAGE, MESSAGE_TAGS, MULTI_PREFIX, SERVER_TIME);

    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    boolean has(String capability) {
        return enabled.contains(capability);
    }

    /**
     * Applies a CAP REQ: all of it, or (if any capability is unknown) none of it, as the spec says.
     *
     * @return the request as acknowledged, or empty when it is refused
     */
    Optional<String> request(String request) {
        String[] asked = request.strip().split(" +");
        for (String cap : asked) {
            String name = cap.startsWith("-") ? cap.substring(1) : cap;
            if (!OFFERED.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
        }
        for (String cap : asked) {
            if (cap.startsWith("-")) {
                enabled.remove(cap.substring(1).toLowerCase(Locale.ROOT));
            } else {
                enabled.add(cap.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(String.join(" ", asked));
    }

    /** @return the enabled capabilities, space-separated, for CAP LIST */
    String list() {
        return String.join(" ", OFFERED.stream().filter(enabled::contains).toList());
    }
}
