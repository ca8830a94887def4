package dev.switchboard.daemon.lifecycle;

import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.config.AccessPolicy;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.service.Service;
import dev.switchboard.daemon.status.StatusSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names every status source and finds whom it may be shown to: a source a service published follows that
 * service's access rules; a plugin-wide one follows the rules of every service of its plugin.
 */
final class StatusSections {

    private StatusSections() {
    }

    static List<StatusSection> of(List<Service> services, PluginHost plugins) {
        List<StatusSection> sections = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StatusSource source : plugins.statusSources()) {
            String plugin = plugins.pluginOf(source);
            List<AccessPolicy> audience = services.stream().filter(s -> s.status().pluginId().equals(plugin))
                    .map(s -> s.config().access()).toList();
            add(sections, names, source, "", audience);
        }
        for (Service s : services) {
            for (StatusSource source : s.published()) {
                add(sections, names, source, s.name(), List.of(s.config().access()));
            }
        }
        return sections;
    }

    private static void add(List<StatusSection> sections, Set<String> names, StatusSource source, String service,
                            List<AccessPolicy> audience) {
        String name;
        try {
            name = source.name();
        } catch (RuntimeException e) {
            name = source.getClass().getSimpleName();
        }
        // Two chat services both publish "chat": keep both, told apart by service.
        if (!names.add(name)) {
            if (service.isEmpty() || !names.add(name + "@" + service)) {
                return;
            }
            name = name + "@" + service;
        }
        sections.add(new StatusSection(name, source, audience, service));
    }
}
