package dev.switchboard.plugins.netinfo;

import dev.switchboard.plugins.netinfo.Network.Resolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** DNS servers and search domains from resolv.conf, looking past systemd-resolved's local stub. */
final class ResolverFile {

    /** The addresses systemd-resolved's stub listens on; resolv.conf naming only these hides the real servers. */
    private static final List<String> RESOLVED_STUBS = List.of("127.0.0.53", "127.0.0.54");

    private ResolverFile() {
    }

    static Resolver read(Sources sources) {
        Optional<Resolver> main = parse(sources.resolvConf());
        if (main.isPresent() && !main.get().servers().isEmpty()
                && RESOLVED_STUBS.containsAll(main.get().servers())) {
            Optional<Resolver> upstream = parse(sources.resolvedConf());
            if (upstream.isPresent()) {
                return upstream.get();
            }
        }
        return main.orElseGet(() -> new Resolver(Optional.empty(), List.of(), List.of()));
    }

    /** resolv.conf(5): {@code nameserver} lines add up; the last {@code search} or {@code domain} wins. */
    static Optional<Resolver> parse(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> servers = new ArrayList<>();
        List<String> search = List.of();
        for (String line : Sources.lines(file)) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
                continue;
            }
            switch (words[0]) {
                case "nameserver" -> servers.add(words[1]);
                case "search", "domain" -> search = withoutComment(Arrays.asList(words).subList(1, words.length));
                default -> { }
            }
        }
        return Optional.of(new Resolver(Optional.of(file.toString()), servers, search));
    }

    private static List<String> withoutComment(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("#") || word.startsWith(";")) {
                break;
            }
            kept.add(word);
        }
        return kept;
    }
}
