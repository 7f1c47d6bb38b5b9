package io.rhwatch.cli.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenTest {

    @Test
    void theFirstStartGeneratesAnOwnerOnlyTokenFileAndLaterStartsReuseIt(@TempDir Path home) throws Exception {
        Path file = ApiToken.file(home);

        ApiToken created = ApiToken.resolve(Map.of(), file);
        ApiToken again = ApiToken.resolve(Map.of(), file);

        assertThat(file).isEqualTo(home.resolve(".rhwatch/token"));
        assertThat(created.source()).isEqualTo(ApiToken.Source.FILE_CREATED);
        assertThat(created.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.source()).isEqualTo(ApiToken.Source.FILE_READ);
        assertThat(again.value()).isEqualTo(created.value());
        assertThat(again.toString()).doesNotContain(created.value());
    }

    @Test
    void everyGeneratedTokenIsNew() {
        assertThat(ApiToken.generate()).isNotEqualTo(ApiToken.generate());
    }

    @Test
    void theEnvironmentOverridesTheFileAndWritesNothing(@TempDir Path home) throws Exception {
        String token = "from-the-environment-0123456789-abcdef";

        ApiToken resolved = ApiToken.resolve(Map.of(ApiToken.ENVIRONMENT, token), ApiToken.file(home));

        assertThat(resolved.value()).isEqualTo(token);
        assertThat(resolved.source()).isEqualTo(ApiToken.Source.ENVIRONMENT);
        assertThat(ApiToken.file(home)).doesNotExist();
    }

    @Test
    void aTokenFileOthersCanReadIsMadeOwnerOnly(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve(".rhwatch")).resolve("token");
        Files.writeString(file, "an-older-token-somebody-copied-here-0123\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ApiToken.resolve(Map.of(), file).value()).isEqualTo("an-older-token-somebody-copied-here-0123");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aTokenTooShortToBeSafeIsRefusedWithTheLimit(@TempDir Path home) {
        assertThatThrownBy(() -> ApiToken.resolve(Map.of(ApiToken.ENVIRONMENT, "short"), ApiToken.file(home)))
                .hasMessage("the token in RHWATCH_AUTH_TOKEN has 5 characters; the services need at least 32 (set a longer one)");
    }
}
