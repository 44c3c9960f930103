package org.myoflow.core.spi;

/**
 * Thrown by {@link StepProvider#configure} to refuse a node; becomes a validation problem naming the node, the
 * port and the channel given here. Equivalent to {@link ConfigureContext#problem} followed by returning.
 *
 * @since 0.2
 */
public final class ConfigureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String port;
    private final String channel;

    /**
     * @param port    the input port concerned, or null
     * @param channel the channel concerned, or null
     */
    public ConfigureException(String port, String channel, String message) {
        super(message);
        this.port = port;
        this.channel = channel;
    }

    public String port() {
        return port;
    }

    public String channel() {
        return channel;
    }
}
