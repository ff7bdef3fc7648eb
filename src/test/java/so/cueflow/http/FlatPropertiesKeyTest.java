package so.cueflow.http;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The key rule as documented (this pattern) and as checked by hand agree on every key. */
class FlatPropertiesKeyTest {
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final String ALPHABET = "aZ_09$-. é\n\u0000٣Ａ";

    @Test
    void agreesWithTheDocumentedPattern() {
        Random random = new Random(64);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            assertThat(FlatProperties.isKey(key.toString())).as("[%s]", key).isEqualTo(DOCUMENTED.matcher(key).matches());
        }
    }

    @Test
    void edges() {
        assertThat(FlatProperties.isKey("_")).isTrue();
        assertThat(FlatProperties.isKey("a".repeat(64))).isTrue();
        assertThat(FlatProperties.isKey("a".repeat(65))).isFalse();
        assertThat(FlatProperties.isKey("")).isFalse();
        assertThat(FlatProperties.isKey("9lives")).isFalse();
        assertThat(FlatProperties.isKey("plan\n")).isFalse();
    }
}
