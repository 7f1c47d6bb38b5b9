package io.rhwatch.modelsim.catalog;

import io.rhwatch.modelsim.testing.FakeSimConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

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
    void aModelWithoutTextPriorReadsTheImageAtEveryLengthAndOneWithItLeansOnItAsConfigured() {
        FakeSimConfig.FakeCurve curve = new FakeSimConfig.FakeCurve(0.9, 0.9, 1);
        ModelCatalog catalog = new ModelCatalog(new FakeSimConfig(Map.of(
                "reads", new FakeSimConfig.FakeModel(1, 0, curve, curve),
                "leans", new FakeSimConfig.FakeModel(2, 0, curve, curve, Optional.of(new FakeSimConfig.FakeCurve(0, 0.8, 0.5)))), 600, 1000, 4));
        assertThat(catalog.model("reads").orElseThrow().profile().textPrior().at(600)).isZero();
        assertThat(catalog.model("leans").orElseThrow().profile().textPrior().at(600)).isEqualTo(0.8);
        assertThatThrownBy(() -> new ModelCatalog(new FakeSimConfig(Map.of("m", new FakeSimConfig.FakeModel(2, 0, curve, curve,
                Optional.of(new FakeSimConfig.FakeCurve(0, 1.2, 1)))), 600, 1000, 4)))
                .hasMessage("rhwatch.sim.models.m.text-prior.at-full must be between 0 and 1, got 1.2");
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
