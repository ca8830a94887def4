package dev.switchboard.daemon.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;

/**
 * PF4J configured for a daemon: checks {@code Plugin-Requires}, skips a bad plugin instead of failing all, and
 * reads a plugin's extensions from its own files.
 */
final class SwitchboardPluginManager extends DefaultPluginManager {

    SwitchboardPluginManager(List<Path> roots, String systemVersion) {
        super(roots);
        // Without a system version PF4J checks no Plugin-Requires at all.
        setSystemVersion(systemVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** Each plugin's extensions come from its own index only (see {@link OwnIndexExtensionFinder}). */
    @Override
    protected ExtensionFinder createExtensionFinder() {
        OwnIndexExtensionFinder finder = new OwnIndexExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }

    /** @return every JAR and unpacked zip PF4J would load from the roots (zips are unpacked here) */
    List<Path> candidatePaths() {
        return pluginRepository.getPluginPaths();
    }
}
