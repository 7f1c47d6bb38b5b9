package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization the way a cluster would receive it: `kubectl kustomize <dir>` (offline). */
final class Kubectl {

    private static final long RENDER_TIMEOUT_SECONDS = 120;

    private Kubectl() {
    }

    static List<JsonNode> kustomize(Path kustomization) {
        return kustomize(kustomization, "kubectl");
    }

    /** With another kubectl executable (a test of the message when it is missing). */
    static List<JsonNode> kustomize(Path kustomization, String kubectl) {
        Path root = Repository.root();
        String relative = root.relativize(kustomization).toString();
        try {
            Path stdout = Files.createTempFile("kustomize", ".yaml");
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process;
                try {
                    process = new ProcessBuilder(kubectl, "kustomize", relative).directory(root.toFile())
                            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                } catch (IOException e) {
                    throw new AssertionError("kubectl is needed to render " + relative + " and '" + kubectl + "' could not be started ("
                            + e.getMessage() + "); install kubectl 1.27 or newer (it bundles kustomize) and put it on the PATH", e);
                }
                if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + relative + " did not finish within " + RENDER_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + relative + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(stderr).strip());
                }
                return Yaml.parseAll(Files.readString(stdout), "kubectl kustomize " + relative);
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + relative, e);
        }
    }
}
