package so.cueflow.targeting;

import java.util.Locale;

public enum PageField implements WireNamed {
    URL,
    PATH;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @Override
    public String wireName() {
        return wireName;
    }

    String valueOf(Page page) {
        return this == URL ? page.url() : page.path();
    }
}
