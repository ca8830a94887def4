package dev.switchboard.plugins.admin;

import dev.switchboard.api.StatusSource;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** A status source found on the test class path, shaped like the netinfo plugin's, for the dashboard to show. */
@Extension
public final class FakeInterfacesSource implements StatusSource {

    @Override
    public String name() {
        return "test-network";
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of("interfaces", List.of(Map.of("name", "lo", "addresses", List.of("127.0.0.1", "::1"), "up", true)));
    }
}
