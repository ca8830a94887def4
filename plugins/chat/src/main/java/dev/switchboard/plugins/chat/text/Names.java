package dev.switchboard.plugins.chat.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for nicknames and room names, the same for telnet and IRC users. Nicknames follow RFC
 * 2812's shape (a letter or one of {@code []\`_^{|}} first, then also digits and {@code -}), so that every
 * nickname is one an IRC client can address; room names are plain. Both are plain ASCII and compared
 * without case, ASCII only, which is what the IRC side advertises as {@code CASEMAPPING=ascii}.
 */
public final class Names {

    public static final String NICK_RULE = "1-20 letters, digits or _-[]\\`^{}|, not starting with a digit or -";
    public static final String ROOM_RULE = "1-20 letters, digits, _ or -";
    public static final int NICK_LENGTH = 20;
    public static final int ROOM_LENGTH = 20;

    /** ASCII only: look-alike letters from other scripts would let one user pass for another. */
    private static final Pattern NICK = Pattern.compile("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,19}");
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private Names() {
    }

    public static boolean validNick(String name) {
        return NICK.matcher(name).matches();
    }

    public static boolean validRoom(String name) {
        return ROOM.matcher(name).matches();
    }

    /** @return the form two names are compared in (ASCII case folding: names are ASCII) */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
