package io.rhwatch.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The holder of {@code rhwatch.auth.token}: compared in constant time, so the answer's timing does not leak it. */
@ApplicationScoped
public class StaticTokenIdentityProvider implements IdentityProvider<StaticTokenRequest> {

    /** The principal of a request that presented the static token. */
    public static final String PRINCIPAL = "rhwatch-token";

    private final Optional<byte[]> expected;

    public StaticTokenIdentityProvider(AuthConfig config) {
        this.expected = config.token().map(String::strip).map(StaticTokenIdentityProvider::digest);
    }

    @Override
    public Class<StaticTokenRequest> getRequestType() {
        return StaticTokenRequest.class;
    }

    /** The identity when the token matches; none otherwise, so another mechanism (OIDC) may still accept it. */
    @Override
    public Uni<SecurityIdentity> authenticate(StaticTokenRequest request, AuthenticationRequestContext context) {
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.get(), digest(request.token()))) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PRINCIPAL)).build());
    }

    /** Digests have one length whatever the token's, so the comparison takes the same time for every guess. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
