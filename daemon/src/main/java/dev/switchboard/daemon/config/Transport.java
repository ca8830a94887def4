package dev.switchboard.daemon.config;

/** A service's {@code transport:}: stream clients, datagrams, or both on the same port number. */
public enum Transport {
    TCP, UDP, BOTH;

    /** @return true when the service accepts TCP clients */
    public boolean tcp() {
        return this != UDP;
    }

    /** @return true when the service answers datagrams */
    public boolean udp() {
        return this != TCP;
    }
}
