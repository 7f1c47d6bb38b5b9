package io.rhwatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Who may call a service's HTTP API: {@code rhwatch.auth.*}, so {@code RHWATCH_AUTH_TOKEN} sets the token.
 * OIDC ({@code quarkus.oidc.*}, where a service has it) is the other way in; either one suffices.
 */
@ConfigMapping(prefix = "rhwatch.auth")
public interface AuthConfig {

    /** A token shorter than this is refused at start: it could be guessed. */
    int MIN_TOKEN_CHARS = 32;

    /** The static bearer token ({@code Authorization: Bearer <token>}); unset, only OIDC tokens are accepted. */
    Optional<String> token();

    /** The service has write endpoints, so it refuses to start without credentials configured. */
    @WithDefault("false")
    boolean required();

    /** Read-only endpoints (the policy {@value ReadAccessPolicy#NAME}): open to anyone, or only with credentials. */
    @WithDefault("open")
    ReadAccess readAccess();

    enum ReadAccess {
        OPEN, TOKEN
    }
}
