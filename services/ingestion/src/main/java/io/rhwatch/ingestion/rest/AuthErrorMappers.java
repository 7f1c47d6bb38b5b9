package io.rhwatch.ingestion.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.rhwatch.ingestion.domain.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 and 403 with the JSON error body of every other error, naming the header the caller must send. */
public class AuthErrorMappers {

    static final String AUTHORIZATION = "Authorization";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<ErrorBody> unauthorized() {
        return RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                        new ErrorBody("credentials required: send 'Authorization: Bearer <token>' with the token in "
                                + "RHWATCH_AUTH_TOKEN (./rhwatch up writes it to .rhwatch/token) or an OIDC access token",
                                AUTHORIZATION))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> forbidden(ForbiddenException e) {
        return RestResponse.status(Response.Status.FORBIDDEN, new ErrorBody("these credentials may not do this", AUTHORIZATION));
    }
}
