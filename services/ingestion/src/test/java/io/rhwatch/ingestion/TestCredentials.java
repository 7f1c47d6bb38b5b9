package io.rhwatch.ingestion;

import org.eclipse.microprofile.config.ConfigProvider;

/** The credentials every test request that writes must carry: the %test token of application.properties. */
public final class TestCredentials {

    public static final String HEADER = "Authorization";
    public static final String BEARER = "Bearer " + ConfigProvider.getConfig().getValue("rhwatch.auth.token", String.class);

    private TestCredentials() {
    }
}
