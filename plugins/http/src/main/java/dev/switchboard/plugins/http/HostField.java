package dev.switchboard.plugins.http;

/**
 * The syntax of a Host field (RFC 9110 §7.2): uri-host [":" port], where the host is a reg-name (may
 * be empty) or an IP literal in brackets. Checked by hand, not with a regular expression, because
 * every request has one.
 */
final class HostField {

    private static final String REG_NAME_PUNCTUATION = "._~!$&'()*+,;=%-";

    private HostField() {
    }

    static boolean isValid(String value) {
        int i = 0;
        int length = value.length();
        if (i < length && value.charAt(i) == '[') {
            i++;
            int start = i;
            while (i < length && isIpLiteralChar(value.charAt(i))) {
                i++;
            }
            if (i == start || i == length || value.charAt(i) != ']') {
                return false;
            }
            i++;
        } else {
            while (i < length && isRegNameChar(value.charAt(i))) {
                i++;
            }
        }
        if (i == length) {
            return true;
        }
        if (value.charAt(i) != ':') {
            return false;
        }
        for (i++; i < length; i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isRegNameChar(char c) {
        return isLetter(c) || isDigit(c) || REG_NAME_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean isIpLiteralChar(char c) {
        return isLetter(c) || isDigit(c) || c == ':' || c == '.';
    }
}
