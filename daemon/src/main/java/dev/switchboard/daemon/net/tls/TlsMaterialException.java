package dev.switchboard.daemon.net.tls;

/** A service's certificate or key cannot be used; the message names the file and what to do. */
public final class TlsMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with the file */
    public TlsMaterialException(String message) {
        super(message);
    }
}
