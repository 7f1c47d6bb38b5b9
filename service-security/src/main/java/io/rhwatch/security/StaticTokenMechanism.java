package io.rhwatch.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} checked against {@code rhwatch.auth.token}. It runs before OIDC's mechanism
 * and yields no identity for any other token, so OIDC (when enabled) still gets to verify it; a request no mechanism
 * accepts is anonymous, and a protected endpoint answers it 401.
 */
@ApplicationScoped
public class StaticTokenMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer ";

    private final boolean enabled;

    public StaticTokenMechanism(AuthConfig config) {
        this.enabled = config.token().isPresent();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!enabled || header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new StaticTokenRequest(header.substring(SCHEME.length()).trim()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(StaticTokenRequest.class);
    }

    /** Ahead of OIDC's bearer mechanism (default + 1). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 2;
    }
}
