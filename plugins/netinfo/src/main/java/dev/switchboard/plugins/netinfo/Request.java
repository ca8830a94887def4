package dev.switchboard.plugins.netinfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One parsed request line: {@code [text|json] [NAME]} or {@code help}. Like finger (RFC 1288), an
 * empty line asks for everything, and a leading {@code /W} (finger's "verbose" switch) is accepted.
 *
 * @param kind what to answer with
 * @param interfaceName the interface asked for; empty for all of them
 */
record Request(Kind kind, Optional<String> interfaceName) {

    /** The shape of the answer. */
    enum Kind { TEXT, JSON, HELP }

    static final String SYNTAX = String.join("\r\n",
            "netinfo: send one line, get the answer, the connection closes.",
            "  (empty line)   every interface, as text (also: text)",
            "  json           every interface, as JSON",
            "  NAME           one interface, e.g. eth0 (also: text NAME)",
            "  json NAME      one interface, as JSON",
            "  help           this text",
            "");

    /** The request is not one netinfo understands. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    static Request parse(String line) throws BadRequest {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new BadRequest("request is not printable ASCII; send 'help' for the syntax");
            }
        }
        List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("[ \t]+")));
        words.removeIf(String::isEmpty);
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("/W")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return new Request(Kind.TEXT, Optional.empty());
        }
        String first = words.get(0).toLowerCase(Locale.ROOT);
        Optional<Kind> keyword = switch (first) {
            case "text" -> Optional.of(Kind.TEXT);
            case "json" -> Optional.of(Kind.JSON);
            case "help" -> Optional.of(Kind.HELP);
            default -> Optional.empty();
        };
        if (keyword.isEmpty()) {
            if (words.size() > 1) {
                throw new BadRequest("too many words; send 'help' for the syntax");
            }
            return new Request(Kind.TEXT, Optional.of(words.get(0)));
        }
        int allowed = keyword.get() == Kind.HELP ? 1 : 2;
        if (words.size() > allowed) {
            throw new BadRequest("too many words after '" + first + "'; send 'help' for the syntax");
        }
        return new Request(keyword.get(), words.size() == 2 ? Optional.of(words.get(1)) : Optional.empty());
    }
}
