package io.reescreen.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a TCP port can still be listened on, checked before anything starts: a port in use found after the broker
 * started and a model trained is a stack trace and a minute lost.
 */
final class PortCheck {

    private PortCheck() {
    }

    /** True when {@code host:port} can be bound now; port 0 (any free port) always can. */
    static boolean isFree(String host, int port) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT after a previous run is free for a server
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The one-line complaint about a port in use, naming the flag that changes it, or null when the port is free.
     *
     * @param what e.g. "the screener's HTTP port"
     */
    static String complaint(String host, int port, String what, String flag) {
        if (isFree(host, port)) {
            return null;
        }
        return "port " + port + " (" + what + ") is in use on " + host + "; choose another with " + flag
                + " N (0 picks a free one)";
    }
}
