package io.rhwatch.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which configurations a service refuses to start with, and what it says. */
class CredentialsCheckTest {

    private static final String TOKEN = "a-token-long-enough-to-be-safe-0123456789";

    record Auth(Optional<String> token, boolean required, ReadAccess readAccess) implements AuthConfig {
    }

    @Test
    void writeEndpointsWithoutTokenOrOidcRefuseToStartNamingTheProperties() {
        assertThat(CredentialsCheck.problem(new Auth(Optional.empty(), true, AuthConfig.ReadAccess.OPEN), false))
                .isEqualTo("no credentials configured, and this service's write endpoints require them: set rhwatch.auth.token "
                        + "(RHWATCH_AUTH_TOKEN, at least 32 characters), or enable OIDC (quarkus.oidc.tenant-enabled=true with "
                        + "quarkus.oidc.auth-server-url), or both");
    }

    @Test
    void readsClosedWithoutATokenRefuseToStart() {
        assertThat(CredentialsCheck.problem(new Auth(Optional.empty(), false, AuthConfig.ReadAccess.TOKEN), false))
                .contains("read endpoints require them (rhwatch.auth.read-access=token)");
    }

    @Test
    void aShortTokenIsRefusedWithTheLimit() {
        assertThat(CredentialsCheck.problem(new Auth(Optional.of("short"), true, AuthConfig.ReadAccess.OPEN), false))
                .isEqualTo("rhwatch.auth.token (RHWATCH_AUTH_TOKEN) must be at least 32 characters long, got 5");
    }

    @Test
    void eitherCredentialSufficesAndOpenServicesNeedNone() {
        assertThat(CredentialsCheck.problem(new Auth(Optional.of(TOKEN), true, AuthConfig.ReadAccess.TOKEN), false)).isNull();
        assertThat(CredentialsCheck.problem(new Auth(Optional.empty(), true, AuthConfig.ReadAccess.OPEN), true)).isNull();
        assertThat(CredentialsCheck.problem(new Auth(Optional.empty(), false, AuthConfig.ReadAccess.OPEN), false)).isNull();
    }
}
