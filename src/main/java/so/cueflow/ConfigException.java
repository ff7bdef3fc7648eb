package so.cueflow;

/** A setting that cannot work; its message is the one line the command prints before exiting with 2. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
