package dev.switchboard.plugins.netinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Runs iproute2's {@code ip} and parses its plain-text output: the independent view netinfo is checked against. */
final class IpCommand {

    /**
     * One {@code ip -s -d link} entry.
     *
     * @param flags the words between {@code <>}
     * @param mac the {@code link/...} address, or null for {@code link/none}
     * @param rx the RX counters by the names in ip's header line ({@code bytes}, {@code packets}, ...)
     */
    record Link(String name, int index, Set<String> flags, int mtu, String state, String mac,
            Map<String, Long> rx, Map<String, Long> tx) {
    }

    private final List<String> prefix;

    /** @param prefix words before {@code ip}'s own, e.g. {@code ip netns exec NS}; empty for this namespace */
    IpCommand(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    static boolean available() {
        try {
            return run(List.of("ip", "-V")).contains("iproute2");
        } catch (IOException e) {
            return false;
        }
    }

    Map<String, Link> links() throws IOException {
        Map<String, Link> links = new LinkedHashMap<>();
        List<String> lines = output("-s", "-d", "link").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            // "4: eth0: <BROADCAST,UP> mtu 1400 qdisc ... state UP mode ..." ; veth names carry "@peer".
            String[] w = line.split("\\s+");
            String name = w[1].substring(0, w[1].length() - 1).replaceFirst("@.*", "");
            Set<String> flags = new TreeSet<>(List.of(w[2].substring(1, w[2].length() - 1).split(",")));
            String mac = null;
            Map<String, Long> rx = Map.of();
            Map<String, Long> tx = Map.of();
            for (int j = i + 1; j < lines.size() && Character.isWhitespace(lines.get(j).charAt(0)); j++) {
                String[] d = lines.get(j).trim().split("\\s+");
                if (d[0].startsWith("link/") && !d[0].equals("link/none")) {
                    mac = d[1];
                } else if (d[0].equals("RX:")) {
                    rx = counters(d, lines.get(j + 1));
                } else if (d[0].equals("TX:")) {
                    tx = counters(d, lines.get(j + 1));
                }
            }
            links.put(name, new Link(name, Integer.parseInt(w[0].replace(":", "")), flags,
                    Integer.parseInt(after(w, "mtu")), after(w, "state"), mac, rx, tx));
        }
        return links;
    }

    /**
     * @return per interface, its addresses sorted, as {@code "inet 192.0.2.2/24 brd 192.0.2.255"} or
     *     {@code "inet6 fd00::2/64 scope global"}
     */
    Map<String, List<String>> addresses() throws IOException {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        String current = null;
        for (String line : output("addr").lines().toList()) {
            String[] w = line.trim().split("\\s+");
            if (!Character.isWhitespace(line.charAt(0))) {
                current = w[1].substring(0, w[1].length() - 1).replaceFirst("@.*", "");
                byName.put(current, new ArrayList<>());
            } else if (w[0].equals("inet")) {
                String brd = line.contains(" brd ") ? " brd " + after(w, "brd") : "";
                // "inet 10.98.0.1 peer 10.98.0.2/32": the prefix written after the peer is the local one's too.
                String address = w[2].equals("peer") ? w[1] + w[3].substring(w[3].indexOf('/')) : w[1];
                byName.get(current).add("inet " + address + brd);
            } else if (w[0].equals("inet6")) {
                byName.get(current).add("inet6 " + w[1] + " scope " + after(w, "scope"));
            }
        }
        byName.values().forEach(list -> list.sort(null));
        return byName;
    }

    /** @return default routes as {@code "inet 192.0.2.1 dev eth0 metric 0"}: {@code ip route} and {@code ip -6 route} */
    Set<String> defaultRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        for (String family : List.of("-4", "-6")) {
            for (String line : output(family, "route").lines().toList()) {
                String[] w = line.trim().split("\\s+");
                if (w[0].equals("default") && line.contains(" via ")) {
                    String metric = line.contains(" metric ") ? after(w, "metric") : "0";
                    routes.add((family.equals("-4") ? "inet " : "inet6 ") + after(w, "via") + " dev "
                            + after(w, "dev") + " metric " + metric);
                }
            }
        }
        return routes;
    }

    private String output(String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add("ip");
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a command to completion (at most 30 s, then it is killed); its output goes through a temp file. */
    static String run(List<String> command) throws IOException {
        Path output = Files.createTempFile("netinfo-test", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!exited || process.exitValue() != 0) {
                throw new IOException(command + (exited ? " failed: " : " did not finish in 30 s: ") + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command + " interrupted", e);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static Map<String, Long> counters(String[] header, String valuesLine) {
        String[] values = valuesLine.trim().split("\\s+");
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int k = 1; k < header.length && k - 1 < values.length; k++) {
            counters.put(header[k], Long.parseLong(values[k - 1]));
        }
        return counters;
    }

    private static String after(String[] words, String key) {
        for (int k = 0; k < words.length - 1; k++) {
            if (words[k].equals(key)) {
                return words[k + 1];
            }
        }
        throw new IllegalArgumentException("no '" + key + "' in " + String.join(" ", words));
    }
}
