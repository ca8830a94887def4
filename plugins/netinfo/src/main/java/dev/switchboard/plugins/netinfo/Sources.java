package dev.switchboard.plugins.netinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where netinfo reads the OS's files, settable so tests (and a network namespace) can point it at
 * known ones. A file that is missing or unreadable is an unknown value, never an error.
 *
 * @param sysfs {@code /sys/class/net}: one directory per interface
 * @param procfs {@code /proc}: {@code net/route}, {@code net/ipv6_route}, {@code sys/kernel/hostname}
 * @param resolvConf {@code /etc/resolv.conf}
 * @param resolvedConf systemd-resolved's list of the real upstream servers, read when resolv.conf only
 *     names its local stub
 */
record Sources(Path sysfs, Path procfs, Path resolvConf, Path resolvedConf) {

    static final Sources LINUX = new Sources(Path.of("/sys/class/net"), Path.of("/proc"),
            Path.of("/etc/resolv.conf"), Path.of("/run/systemd/resolve/resolv.conf"));

    /** @return the file's first line, trimmed, or empty when it cannot be read or is blank */
    static Optional<String> firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException | RuntimeException e) {
            // Missing file, or one the driver refuses to read (speed of a link that is down: EINVAL).
            return Optional.empty();
        }
    }

    /** @return the file's first line as a decimal or {@code 0x} hex number, or empty */
    static Optional<Long> number(Path file) {
        Optional<String> line = firstLine(file);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String text = line.get();
        try {
            return Optional.of(text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the file's lines, or an empty list when it cannot be read */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
