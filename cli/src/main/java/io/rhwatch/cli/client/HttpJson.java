package io.rhwatch.cli.client;

import com.fasterxml.jackson.databind.JavaType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over java.net.http, shared by the service clients. */
final class HttpJson {

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** @param token the bearer token every request carries; null: none */
    HttpJson(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    HttpResponse<String> get(String path, Duration timeout) throws ServiceException {
        return send(request(path, timeout).GET().build(), "GET " + path);
    }

    HttpResponse<String> post(String path, Object body, Duration timeout) throws ServiceException {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new ServiceException("could not write the body of POST " + path + ": " + e.getMessage(), e);
        }
        return send(request(path, timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), "POST " + path);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    <T> T read(HttpResponse<String> response, JavaType type, String call) throws ServiceException {
        try {
            return Json.MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ServiceException(call + " on " + base + " answered JSON this client cannot read: " + e.getMessage(), e);
        }
    }

    <T> T read(HttpResponse<String> response, Class<T> type, String call) throws ServiceException {
        return read(response, Json.MAPPER.constructType(type), call);
    }

    private HttpResponse<String> send(HttpRequest request, String call) throws ServiceException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceException(call + " on " + base + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(call + " on " + base + " was interrupted", e);
        }
    }

    static ServiceException failure(HttpResponse<String> response, String call) {
        return new ServiceException(call + " answered " + response.statusCode() + ": " + Json.errorOf(response.body()));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
