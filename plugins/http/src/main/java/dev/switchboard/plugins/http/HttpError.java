package dev.switchboard.plugins.http;

/**
 * A request that gets an error status instead of a resource. The message is for the debug log only;
 * clients see nothing but the status (no paths, no stack traces).
 */
final class HttpError extends Exception {

    private final int status;
    private final boolean fatal;

    /**
     * @param status the response status, e.g. 400
     * @param fatal true when the connection cannot carry another request after this one
     * @param message what went wrong, for the log
     */
    HttpError(int status, boolean fatal, String message) {
        super(message, null, false, false);
        this.status = status;
        this.fatal = fatal;
    }

    /** An error after which the connection is closed: the rest of the input cannot be trusted. */
    static HttpError fatal(int status, String message) {
        return new HttpError(status, true, message);
    }

    /** An error about one request; the connection can go on. */
    static HttpError of(int status, String message) {
        return new HttpError(status, false, message);
    }

    int status() {
        return status;
    }

    boolean fatal() {
        return fatal;
    }
}
