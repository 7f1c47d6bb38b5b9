package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.ImportRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without an import root the service reads no file of its disk; the refusal (403) says which setting to give. */
class ImportsDisabledTest {

    @Test
    void withoutAnImportRootEveryImportIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path dataset = Files.writeString(dir.resolve("bench.jsonl"), "{}");
        assertThatThrownBy(() -> imports(Map.of()).importFile(new ImportRequest(dataset.toString(), null, null, null)))
                .isInstanceOf(ImportsDisabledException.class)
                .hasMessageContaining("imports are disabled")
                .hasMessageContaining("rhwatch.ingestion.import-root")
                .hasMessageContaining("RHWATCH_INGESTION_IMPORT_ROOT");
    }

    @Test
    void anImportRootThatIsNoDirectoryRefusesEveryImport(@TempDir Path dir) {
        Path missing = dir.resolve("not-there");
        assertThatThrownBy(() -> imports(Map.of("rhwatch.ingestion.import-root", missing.toString()))
                .importFile(new ImportRequest("bench.jsonl", null, null, null)))
                .isInstanceOf(ImportsDisabledException.class)
                .hasMessageContaining(missing + " (rhwatch.ingestion.import-root) is not a directory");
    }

    private static ImportService imports(Map<String, String> properties) {
        IngestionConfig config = UnitConfig.ingestion(properties);
        ObjectMapper mapper = UnitConfig.strictJson();
        // refused before any record is read, so nothing is published or claimed: no publisher, no ledger
        return new ImportService(new SampleValidator(config, mapper, new ImageDecoder(config)), null, null, config, mapper);
    }
}
