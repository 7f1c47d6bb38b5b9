package io.rhwatch.ingestion.rest;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts a body as it is read and stops it at {@code quarkus.http.limits.max-body-size}: a chunked body has no
 * Content-Length for {@link RequestChecks} to refuse up front.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final RequestChecks checks;

    public StreamedBodyLimit(RequestChecks checks) {
        this.checks = checks;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Counted(context.getInputStream(), checks.maxBodyBytes()));
        return context.proceed();
    }

    /** A body over the limit; answered 413. */
    public static class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static final class Counted extends FilterInputStream {

        private final long max;
        private long read;

        Counted(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new TooLargeException(RequestChecks.tooLarge("more than " + max + " bytes", max));
            }
        }
    }
}
