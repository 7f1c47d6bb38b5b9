package io.rhwatch.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service whose endpoints need credentials when none are configured, rather than answering every
 * request 401 (or, worse, serving them open); and refuses a static token short enough to guess.
 */
@ApplicationScoped
public class CredentialsCheck {

    static final String OIDC_ENABLED = "quarkus.oidc.tenant-enabled";

    void onStart(@Observes StartupEvent event, AuthConfig auth, Config config) {
        String problem = problem(auth, config.getOptionalValue(OIDC_ENABLED, Boolean.class).orElse(false));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** What is wrong with the configuration, or null. */
    static String problem(AuthConfig auth, boolean oidcEnabled) {
        if (auth.token().isPresent() && auth.token().get().strip().length() < AuthConfig.MIN_TOKEN_CHARS) {
            return "rhwatch.auth.token (RHWATCH_AUTH_TOKEN) must be at least " + AuthConfig.MIN_TOKEN_CHARS
                    + " characters long, got " + auth.token().get().strip().length();
        }
        boolean needed = auth.required() || auth.readAccess() == AuthConfig.ReadAccess.TOKEN;
        if (needed && auth.token().isEmpty() && !oidcEnabled) {
            return "no credentials configured, and this service's "
                    + (auth.required() ? "write endpoints require them" : "read endpoints require them (rhwatch.auth.read-access=token)")
                    + ": set rhwatch.auth.token (RHWATCH_AUTH_TOKEN, at least " + AuthConfig.MIN_TOKEN_CHARS
                    + " characters), or enable OIDC (" + OIDC_ENABLED + "=true with quarkus.oidc.auth-server-url), or both";
        }
        return null;
    }
}
