package dev.switchboard.plugins.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for nicknames and room names, which are the same: short, plain ASCII, case-insensitive. */
final class Names {

    static final String RULE = "1-20 letters, digits, _ or -";

    /** ASCII only: look-alike letters from other scripts would let one user pass for another. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private Names() {
    }

    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    /** @return the form two names are compared in */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
