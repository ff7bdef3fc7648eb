package so.cueflow.embed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginsAndHashesTest {

    @Test
    void anOriginIsKeptInTheFormBrowsersSendIt() {
        assertThat(Origins.parse("https://App.Example.com/")).isEqualTo("https://app.example.com");
        assertThat(Origins.parse(" http://localhost:3000 ")).isEqualTo("http://localhost:3000");
        assertThat(Origins.parse("https://app.example.com:443")).isEqualTo("https://app.example.com");
        assertThat(Origins.parse("http://127.0.0.1:80")).isEqualTo("http://127.0.0.1");
        assertThat(Origins.parse("https://app.example.com:8443")).isEqualTo("https://app.example.com:8443");
    }

    @Test
    void pathsWildcardsCredentialsAndOtherSchemesAreNotOrigins() {
        for (String text : List.of("https://app.example.com/app", "https://app.example.com?x=1", "*", "https://*.example.com",
                "ftp://files.example.com", "https://user@app.example.com", "null", "app.example.com", "", "https://")) {
            assertThat(Origins.parse(text)).as(text).isNull();
        }
    }

    @Test
    void aWorkspaceAllowsExactlyItsOrigins() {
        EmbedSettings settings = EmbedSettings.defaults("w").with(List.of("https://app.example.com"), EmbedSettings.Verification.OFF, 1);
        assertThat(settings.allows("https://app.example.com")).isTrue();
        assertThat(settings.allows("https://app.example.com:443")).isTrue();
        assertThat(settings.allows("http://app.example.com")).isFalse();
        assertThat(settings.allows("https://app.example.com.evil.net")).isFalse();
        assertThat(settings.allows("null")).isFalse();
        assertThat(settings.allows(null)).isFalse();
    }

    @Test
    void theUserHashIsHexHmacSha256WithTheSecretTextAsKey() {
        // RFC 4231, test case 2: what any language's HMAC-SHA256 gives for these two strings.
        assertThat(IdentityHashes.hash("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        String secret = IdentityHashes.newSecret();
        assertThat(secret).matches("idsec_[0-9A-Za-z]{40}").isNotEqualTo(IdentityHashes.newSecret());
        String hash = IdentityHashes.hash(secret, "user-123");
        assertThat(IdentityHashes.matches(secret, "user-123", hash)).isTrue();
        assertThat(IdentityHashes.matches(secret, "user-124", hash)).isFalse();
        assertThat(IdentityHashes.matches(secret, "user-123", hash.toUpperCase())).isFalse();
        assertThat(IdentityHashes.matches(secret, "user-123", hash.substring(1))).isFalse();
    }
}
