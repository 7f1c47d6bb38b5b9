package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.testing.FakeSimConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogTest {

    @Test
    void servesTheConfiguredModels() {
        ModelCatalog catalog = new ModelCatalog(FakeSimConfig.oneModel("m", 0.9));
        assertThat(catalog.model("m")).get().extracting(model -> model.profile().perception().atZero()).isEqualTo(0.9);
        assertThat(catalog.model("other")).isEmpty();
        assertThat(catalog.maxTokensLimit()).isEqualTo(1000);
    }

    @Test
    void aBadSettingFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> new ModelCatalog(FakeSimConfig.oneModel("m", 1.5)))
                .hasMessage("rhwatch.sim.models.m.perception.at-zero must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new ModelCatalog(new FakeSimConfig(Map.of(), 600, 1000, 4)))
                .hasMessage("rhwatch.sim.models must configure at least one model");
        FakeSimConfig good = FakeSimConfig.oneModel("m", 0.9);
        assertThatThrownBy(() -> new ModelCatalog(new FakeSimConfig(good.models(), 600, 0, 4)))
                .hasMessage("rhwatch.sim.max-tokens-limit must be at least 1, got 0");
    }
}
