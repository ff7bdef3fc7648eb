package so.cueflow.dashboard;

import org.junit.jupiter.api.Test;
import so.cueflow.Config;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInRulesTest {
    @Test
    void nextMayOnlyBeAPathOfThisSite() {
        assertThat(SignInPages.safeNext("/w/default/settings?x=1")).isEqualTo("/w/default/settings?x=1");
        assertThat(SignInPages.safeNext("//evil.example")).isEqualTo("/");
        assertThat(SignInPages.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(SignInPages.safeNext("https://evil.example")).isEqualTo("/");
        assertThat(SignInPages.safeNext(null)).isEqualTo("/");
    }

    @Test
    void cookiesAreSecureOnlyWhenThePublicUrlIsHttps() {
        Config https = config("https://cueflow.example.com/");
        Config http = config("http://cueflow.internal:8080");
        assertThat(https.secureCookies()).isTrue();
        assertThat(https.baseUrl()).isEqualTo("https://cueflow.example.com");
        assertThat(http.secureCookies()).isFalse();
        assertThat(config(null).baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(new Cookies(true, Duration.ofDays(14)).session("t").encode()).contains("Secure", "HTTPOnly", "SameSite=Lax");
        assertThat(new Cookies(false, Duration.ofDays(14)).session("t").encode()).doesNotContain("Secure");
    }

    @Test
    void aPublicUrlWithAPathOrAnotherSchemeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> config("https://example.com/cueflow")).hasMessageContaining("CUEFLOW_PUBLIC_URL");
        assertThatThrownBy(() -> config("ftp://example.com")).hasMessageContaining("CUEFLOW_PUBLIC_URL");
    }

    @Test
    void passwordsAreHashedWithArgon2idAndCheckedAgainstTheirOwnParameters() {
        String hash = Passwords.hash("a long enough password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.matches("a long enough password", hash)).isTrue();
        assertThat(Passwords.matches("a long enough passworD", hash)).isFalse();
        assertThat(Passwords.matches("a long enough password", null)).isFalse();
        assertThat(Passwords.problem("short")).isEqualTo("use at least 10 characters");
    }

    private static Config config(String publicUrl) {
        return new Config("0.0.0.0", 8080, Path.of("data"), null, 10, 10, 1, 0, Config.Http.DEFAULTS, false, publicUrl, 14, 1);
    }
}
