package io.rhwatch.aggregator.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** With rhwatch.auth.read-access=token: a read without valid credentials gets 401 with the JSON error body. */
public class AuthErrorMappers {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<ErrorBody> unauthorized() {
        return RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                        new ErrorBody("credentials required: send 'Authorization: Bearer <token>' with the token in "
                                + "RHWATCH_AUTH_TOKEN (rhwatch.auth.read-access=token)", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
