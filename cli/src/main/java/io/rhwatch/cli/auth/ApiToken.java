package io.rhwatch.cli.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The bearer token of a local mesh: what the ingestion service demands on its write endpoints
 * ({@code rhwatch.auth.token}) and what the launcher's clients send. {@code RHWATCH_AUTH_TOKEN} when set; otherwise
 * {@code .rhwatch/token} in the repository, generated at the first start and readable by its owner only.
 */
public final class ApiToken {

    /** The variable the services read the token from, and the one that overrides the file. */
    public static final String ENVIRONMENT = "RHWATCH_AUTH_TOKEN";
    /** The services refuse shorter tokens (rhwatch.auth.token). */
    public static final int MIN_CHARS = 32;
    /** 256 bits of randomness: 43 base64url characters. */
    private static final int RANDOM_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where {@code value} came from, for the launcher to say. */
    public enum Source { ENVIRONMENT, FILE_CREATED, FILE_READ }

    private final String value;
    private final Source source;
    private final Path file;

    private ApiToken(String value, Source source, Path file) {
        this.value = value;
        this.source = source;
        this.file = file;
    }

    /** The token file of the repository at {@code home}, beside .rhwatch/runs. */
    public static Path file(Path home) {
        return home.resolve(".rhwatch").resolve("token");
    }

    /** {@code RHWATCH_AUTH_TOKEN} from {@code environment} when set, else the token in {@code file}, created when absent. */
    public static ApiToken resolve(Map<String, String> environment, Path file) throws IOException {
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new ApiToken(checked(fromEnvironment.strip(), ENVIRONMENT, "set a longer one"), Source.ENVIRONMENT, null);
        }
        if (Files.exists(file)) {
            restrict(file);
            return new ApiToken(checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString(),
                    "delete the file to have a new one generated"), Source.FILE_READ, file);
        }
        return create(file);
    }

    /** A fresh random token (SecureRandom, base64url without padding). */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiToken create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String token = generate();
        try {
            // Created owner-only, so the token is never readable by others, not even for an instant.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: its own access rules apply
        } catch (FileAlreadyExistsException e) {
            return resolve(Map.of(), file); // another launcher created it first: share its token
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return new ApiToken(token, Source.FILE_CREATED, file);
    }

    /** A token file others can read is made owner-only before it is used. */
    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static String checked(String token, String where, String remedy) {
        if (token.length() < MIN_CHARS) {
            throw new IllegalArgumentException("the token in " + where + " has " + token.length() + " characters; the services need at least "
                    + MIN_CHARS + " (" + remedy + ")");
        }
        return token;
    }

    public String value() {
        return value;
    }

    public Source source() {
        return source;
    }

    /** The file it was read from or written to; null when it came from the environment. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "ApiToken[" + source + (file == null ? "" : ", " + file) + "]"; // never the value: it ends up in logs
    }
}
