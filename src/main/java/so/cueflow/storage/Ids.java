package so.cueflow.storage;

import java.util.concurrent.ThreadLocalRandom;

/**
 * ULID-like ids: 48 bits of milliseconds then 80 random bits, Crockford base32, sortable by creation.
 * Ids are names, not secrets, so a fast non-cryptographic generator is enough.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {
    }

    public static String next(long epochMillis) {
        char[] id = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        ThreadLocalRandom.current().nextBytes(random);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) high = (high << 8) | (random[i] & 0xff);
        for (int i = 5; i < 10; i++) low = (low << 8) | (random[i] & 0xff);
        for (int i = 17; i >= 10; i--) {
            id[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(id);
    }
}
