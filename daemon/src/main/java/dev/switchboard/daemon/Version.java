package dev.switchboard.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The daemon's version, as Maven stamped it into the JAR. */
public final class Version {

    private static final String VERSION = read();

    private Version() {
    }

    /** @return the full semantic version, e.g. {@code 0.1.0} */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
