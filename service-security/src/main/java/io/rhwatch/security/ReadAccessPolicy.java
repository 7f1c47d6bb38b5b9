package io.rhwatch.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The policy of read-only endpoints ({@code quarkus.http.auth.permission.<name>.policy=read-access}): everyone when
 * {@code rhwatch.auth.read-access=open}, only authenticated callers when {@code token}.
 */
@ApplicationScoped
public class ReadAccessPolicy implements HttpSecurityPolicy {

    public static final String NAME = "read-access";

    private final AuthConfig.ReadAccess access;

    public ReadAccessPolicy(AuthConfig config) {
        this.access = config.readAccess();
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        if (access == AuthConfig.ReadAccess.OPEN) {
            return CheckResult.permit();
        }
        return identity.map(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
