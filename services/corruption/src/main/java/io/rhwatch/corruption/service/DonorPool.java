package io.rhwatch.corruption.service;

import com.google.protobuf.ByteString;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.benchmark.Scene;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Sample;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images random_image swaps in, fixed at start-up, so that a sample's donor depends on its id alone: not on which
 * replica or partition reads it, nor on what arrived before it, and no sample ever waits for another.
 * <p>
 * The pool is either the bundled donors — scenes of the synthetic benchmark drawn with a seed of their own, so they are
 * never a traffic sample's own image — or a directory of the deployment's own images (for in-domain donors, e.g. a
 * held-out slice of the dataset): an image directly in it has no subset, one in a subdirectory has the subdirectory's
 * name as its subset, compared with the sample's {@code source}.
 * <p>
 * The donor is chosen by rendezvous hashing: of the eligible donors, the one with the smallest 64-bit hash of
 * (sample id, donor id). Eligible: not byte-identical to the sample's image, and, where subsets are known, not of the
 * sample's subset. When every donor is of the sample's subset the subset rule is dropped (the choice says so, and the
 * service counts it); a donor always exists, since the pool holds at least two distinct images.
 */
public final class DonorPool {

    /** The bundled donors' seed: not the benchmark's default, so a donor is never a benchmark sample's own image. */
    public static final long BUNDLED_SEED = 20_260_521L;
    /** The subset of the bundled donors, a name no dataset is given. */
    public static final String BUNDLED_SUBSET = "rhwatch-donors";

    /** @param subset the dataset subset the image comes from; empty when unknown */
    public record Donor(String donorId, String subset, Image image) {
    }

    /** @param subsetRuleDropped every donor was of the sample's subset, so one of them was chosen */
    public record Choice(Donor donor, boolean subsetRuleDropped) {
    }

    private final List<Donor> donors;

    public DonorPool(List<Donor> donors) {
        Set<ByteString> distinct = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Donor donor : donors) {
            distinct.add(donor.image().getData());
            if (!ids.add(donor.donorId())) {
                throw new IllegalArgumentException("rhwatch.corruption donor pool: the donor id '" + donor.donorId() + "' occurs twice");
            }
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("rhwatch.corruption donor pool: needs at least 2 distinct images, has "
                    + distinct.size() + " (so that every sample has a donor other than its own image)");
        }
        this.donors = List.copyOf(donors);
    }

    /**
     * {@code size} scenes of the synthetic benchmark, 320x240 PNGs, drawn with {@link #BUNDLED_SEED}; at least 2
     * (rhwatch.corruption.donor-pool-size is validated at start).
     */
    public static DonorPool bundled(int size) {
        List<Donor> donors = new ArrayList<>(size);
        for (BenchmarkSample sample : BenchmarkGenerator.generate(size, BUNDLED_SEED)) {
            donors.add(new Donor(sample.id(), BUNDLED_SUBSET, Image.newBuilder()
                    .setData(ByteString.copyFrom(sample.png()))
                    .setMediaType(BlankImages.MEDIA_TYPE)
                    .setWidth(Scene.WIDTH)
                    .setHeight(Scene.HEIGHT)
                    .build()));
        }
        return new DonorPool(donors);
    }

    /**
     * The PNG and JPEG images under {@code directory}, in path order; donor ids are the paths relative to it.
     *
     * @throws IllegalArgumentException naming {@code rhwatch.corruption.donor-images} and the file that is not a
     *                                  readable image or exceeds {@code maxPixels}
     */
    public static DonorPool fromDirectory(Path directory, long maxPixels) {
        String key = "rhwatch.corruption.donor-images";
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(key + ": '" + directory + "' is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, 2)) {
            files = walk.filter(Files::isRegularFile).filter(DonorPool::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": could not list '" + directory + "'", e);
        }
        List<Donor> donors = new ArrayList<>(files.size());
        for (Path file : files) {
            Path relative = directory.relativize(file);
            String subset = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            donors.add(new Donor(relative.toString().replace('\\', '/'), subset, read(file, maxPixels, key)));
        }
        try {
            return new DonorPool(donors);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + directory + "' " + e.getMessage().replaceFirst("^[^:]*: ", ""), e);
        }
    }

    /** The donor of {@code sample}'s random image. */
    public Choice donorFor(Sample sample) {
        String subset = sample.getSource().strip();
        Donor best = null;
        Donor bestAnySubset = null;
        long bestScore = 0;
        long bestAnyScore = 0;
        for (Donor donor : donors) {
            if (donor.image().getData().equals(sample.getImage().getData())) {
                continue;
            }
            long score = score(sample.getSampleId(), donor.donorId());
            if (bestAnySubset == null || Long.compareUnsigned(score, bestAnyScore) < 0) {
                bestAnySubset = donor;
                bestAnyScore = score;
            }
            boolean sameSubset = !subset.isEmpty() && subset.equals(donor.subset());
            if (!sameSubset && (best == null || Long.compareUnsigned(score, bestScore) < 0)) {
                best = donor;
                bestScore = score;
            }
        }
        return best != null ? new Choice(best, false) : new Choice(bestAnySubset, true);
    }

    public int size() {
        return donors.size();
    }

    /** FNV-1a over the UTF-8 of "sampleId NUL donorId", SplitMix64's finaliser: part of the contract (docs). */
    static long score(String sampleId, String donorId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (sampleId + '\0' + donorId).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static Image read(Path file, long maxPixels, String key) {
        byte[] bytes;
        BufferedImage decoded;
        try {
            bytes = Files.readAllBytes(file);
            decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": could not read '" + file + "': " + e.getMessage(), e);
        }
        if (decoded == null) {
            throw new IllegalArgumentException(key + ": '" + file + "' is not a PNG or JPEG image");
        }
        if ((long) decoded.getWidth() * decoded.getHeight() > maxPixels) {
            throw new IllegalArgumentException(key + ": '" + file + "' has " + decoded.getWidth() + "x" + decoded.getHeight()
                    + " pixels, more than rhwatch.corruption.max-image-pixels (" + maxPixels + ")");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Image.newBuilder()
                .setData(ByteString.copyFrom(bytes))
                .setMediaType(name.endsWith(".png") ? "image/png" : "image/jpeg")
                .setWidth(decoded.getWidth())
                .setHeight(decoded.getHeight())
                .build();
    }
}
