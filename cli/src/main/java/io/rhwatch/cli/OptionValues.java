package io.rhwatch.cli;

import io.rhwatch.core.Labels;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Corruption;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's option values: each converter says what it accepts, and picocli puts the option's name
 * in front of its message ("Invalid value for option '--samples' (N): must be between 1 and 10000, got 0").
 */
final class OptionValues {

    static final int MAX_SAMPLES = 10_000;
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private OptionValues() {
    }

    static long integer(String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number between " + min + " and " + max + ", got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new TypeConversionException("must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    /** A whole number within limits; picocli makes one of each subclass, so each names its limits. */
    abstract static class Bounded implements ITypeConverter<Integer> {

        private final int min;
        private final int max;

        Bounded(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            return (int) integer(value, min, max);
        }
    }

    static final class Samples extends Bounded {
        Samples() {
            super(1, MAX_SAMPLES);
        }
    }

    static final class Port extends Bounded {
        Port() {
            super(0, 65_535);
        }
    }

    static final class Resamples extends Bounded {
        Resamples() {
            super(1, Bootstrap.MAX_RESAMPLES);
        }
    }

    /** One thinking-token budget level, from 0 to the mesh plan's limit (the inference service's). */
    static final class Level extends Bounded {
        Level() {
            super(0, MeshPlan.MAX_BUDGET);
        }
    }

    /** 90s, 20m, 1h, 1h30m, or ISO-8601 (PT5M); longer than zero. */
    static final class Timeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Duration duration = null;
            Matcher matcher = DURATION.matcher(text);
            if (!text.isEmpty() && matcher.matches()) {
                duration = Duration.ofHours(group(matcher, 1)).plusMinutes(group(matcher, 2)).plusSeconds(group(matcher, 3));
            } else if (text.startsWith("pt")) {
                try {
                    duration = Duration.parse(text.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException ignored) {
                    // reported below with the accepted forms
                }
            }
            if (duration == null) {
                throw new TypeConversionException("must be a duration like 90s, 20m, 1h or 1h30m, got '" + value + "'");
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("must be longer than zero, got '" + value + "'");
            }
            return duration;
        }

        private static long group(Matcher matcher, int group) {
            String digits = matcher.group(group);
            return digits == null ? 0 : Long.parseLong(digits);
        }
    }

    /** One corruption of the mesh plan; the clean probe always runs. */
    static final class CorruptionLabel implements ITypeConverter<Corruption> {
        @Override
        public Corruption convert(String value) {
            return Labels.corruption(value).filter(MeshPlan.corruptions()::contains)
                    .orElseThrow(() -> new TypeConversionException("accepts " + MeshPlan.CORRUPTIONS_SETTING.replace(",", ", ")
                            + " (the clean probe always runs), got '" + value.trim() + "'"));
        }
    }

    /** A file or directory name; not empty. */
    static final class FileName implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must name a file or directory, got an empty value");
            }
            return Path.of(value);
        }
    }

    /** HOST:PORT[,HOST:PORT...]; not empty. */
    static final class BootstrapServers implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must name a broker as HOST:PORT, got an empty value");
            }
            return value.trim();
        }
    }

    /** An absolute http or https URL with a host. */
    static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI url;
            try {
                url = new URI(value.trim());
            } catch (URISyntaxException e) {
                throw new TypeConversionException("must be an http:// or https:// URL, got '" + value.trim() + "' (" + e.getReason() + ")");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new TypeConversionException("must be an http:// or https:// URL with a host, got '" + value.trim() + "'");
            }
            return url;
        }
    }
}
