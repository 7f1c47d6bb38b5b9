package io.rhwatch.judge.config;

import io.rhwatch.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping under rhwatch.judge: its defaults, and values out of range refused at start, naming the property. */
class JudgeConfigTest {

    @Test
    void theServiceStartsWithItsDefaultsAndItsApplicationProperties() {
        JudgeConfig config = ConfigMappings.load(JudgeConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.numericRelativeTolerance()).isEqualTo(1e-6);
        assertThat(config.llm().enabled()).isFalse();
        assertThat(config.llm().model()).isEqualTo("rh-sim-judge");
        assertThat(config.llm().rubric()).isEqualTo(JudgeConfig.Rubric.RH_BENCH);
        assertThat(config.llm().template()).contains("{prompt}");
        assertThat(config.llm().maxTokens()).isEqualTo(512);
        assertThat(config.llm().callDeadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.llm().retry().maxRetries()).isEqualTo(3);
        assertThat(config.llm().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.llm().retry().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheProperty() {
        assertRefused("rhwatch.judge.numeric-relative-tolerance", "-0.1", "must be greater than or equal to 0");
        assertRefused("rhwatch.judge.llm.max-tokens", "0", "must be greater than 0");
        assertRefused("rhwatch.judge.llm.retry.max-retries", "-1", "must be greater than or equal to 0");
        assertRefused("rhwatch.judge.llm.template", "<|im_start|>user\nprompt<|im_end|>", "must contain {prompt}");
    }

    private static void assertRefused(String property, String value, String reason) {
        assertThatThrownBy(() -> ConfigMappings.load(JudgeConfig.class, Map.of(property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(property + " " + reason);
    }
}
