package io.rhwatch.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token to compare with {@code rhwatch.auth.token}; its own type, so OIDC's identity provider never sees it. */
final class StaticTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    StaticTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
