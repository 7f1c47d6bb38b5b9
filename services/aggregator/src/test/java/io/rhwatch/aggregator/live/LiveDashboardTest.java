package io.rhwatch.aggregator.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rhwatch.aggregator.rest.AggregatorKafkaResource;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.ExampleDetail;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in dashboard in a real browser (headless Chromium) against the running aggregator fed
 * through the real broker: the overview shows what the API serves, a new judgment changes the page
 * without a reload, and the model and compare views render. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(AggregatorKafkaResource.class)
class LiveDashboardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int[] BUDGETS = {0, 100, 200, 400};

    @TestHTTPResource("/")
    URL dashboard;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String steady = "rh-sim-steady-" + run;
    private final String drifty = "org/rh-sim-drifty-" + run;
    /** Judged once per cell: a handful of judgments, the kind of start the old "fell over the last hour" rule flagged. */
    private final String once = "rh-sim-once-" + run;
    private int sequence;
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void overviewFollowsTheApiLiveAndTheModelViewsRender() throws IOException {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // Perception holds up as reasoning improves: a high RH-AUC.
            feedModel(producer, steady, new double[]{0.90, 0.88, 0.86, 0.85}, new double[]{0.35, 0.55, 0.70, 0.78});
            // Perception degrades with thinking length.
            feedModel(producer, drifty, new double[]{0.92, 0.80, 0.70, 0.62}, new double[]{0.35, 0.58, 0.72, 0.80});
            // RH-AUC is defined only with the last of these four: reasoning improves, perception drops.
            feed(producer, once, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 1, 1);
            feed(producer, once, 0, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 0, 1);
            feed(producer, once, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 0, 1);
            feed(producer, once, 100, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 1, 1);
            producer.flush();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(judged(steady)).isEqualTo(expectedJudged());
            assertThat(judged(drifty)).isEqualTo(expectedJudged());
            assertThat(judged(once)).isEqualTo(4);
        });

        browser = HeadlessChromium.start(1440, 900);
        browser.get(dashboard.toString());
        JavascriptExecutor js = browser;

        // The overview lists both models with the values the API returns.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertRowShowsApiValues(steady);
            assertRowShowsApiValues(drifty);
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state")).isEqualTo("live"));
        js.executeScript("window.rhwatchNoReload = 'still the same page';");

        // A burst of wrong perception answers at a short budget: perception now collapses early, RH-AUC falls.
        long judgedBefore = judged(drifty);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            feed(producer, drifty, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 0, 30);
            producer.flush();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(judged(drifty)).isEqualTo(judgedBefore + 30));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(row(drifty), "td.judged")).isEqualTo(String.format(Locale.US, "%,d", judgedBefore + 30));
            assertRowShowsApiValues(drifty);
            // Everything was judged within one window, so no model has a baseline window to regress from, however
            // its running curve moved (the rule itself: RegressionRuleTest, WindowsAndRegressionsTest). A row stands
            // out exactly when the API says the model regressed.
            for (String model : List.of(steady, drifty, once)) {
                assertThat(summary(model).get("regression")).as("%s regressed", model).isNull();
                String classes = row(model).getDomAttribute("class");
                assertThat(classes != null && classes.contains("regressed")).as("%s stands out", model).isFalse();
                assertThat(text(row(model), ".badge")).isEqualTo("no regression");
            }
        });
        assertThat(js.executeScript("return window.rhwatchNoReload;")).isEqualTo("still the same page");
        screenshot("overview");
        Files.writeString(SCREENSHOTS.resolve("history.json"), given().when().get("/v1/history").then().extract().asString());

        // One model: curve, levels, corruptions, censoring and the newest examples with thumbnails.
        row(steady).click();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("model-title")).getText()).isEqualTo(steady);
            assertThat(browser.findElement(By.cssSelector("#stat-rh-auc .v")).getText()).isEqualTo(apiValue(steady, "rh_auc"));
            assertThat(browser.findElements(By.cssSelector("table.examples tbody tr"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("table.examples img.thumb"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("table.examples tbody tr")))
                    .extracting(row -> row.getDomAttribute("data-judgment").split("\\|")[0])
                    .allMatch(sample -> Integer.parseInt(sample.substring(("s-" + run + "-").length())) % 10 == 0);
            assertThat(browser.findElements(By.cssSelector("table.examples details.reasoning-tail summary")))
                    .extracting(WebElement::getText).isNotEmpty().allMatch(text -> text.matches("[\\d,]+ tokens, the last [\\d,]+ chars"));
            assertThat((Boolean) js.executeScript("return Chart.getChart('curve-chart') != null"
                    + " && Chart.getChart('curve-chart').data.datasets[0].data.length === 4")).isTrue();
            // The model's time windows, as GET /v1/models/{model}/windows serves them: the regression size first.
            JsonPath windows = given().when().get("/v1/models/" + encode(steady) + "/windows").then().statusCode(200).extract().jsonPath();
            long hourly = windows.getLong("regression_window_ms");
            int served = windows.getList("sizes.find { it.size_ms == " + hourly + " }.windows").size();
            assertThat(served).isPositive();
            assertThat((Long) js.executeScript("return Chart.getChart('windows-chart').data.labels.length")).isEqualTo((long) served);
            assertThat(browser.findElement(By.cssSelector("#windows-card .chip.active")).getText()).isEqualTo("1 h");
            // The label-free signals as the API serves them: the label-free RH-AUC next to the labelled one, and
            // one grounding point per level that has blank/random pairs.
            @SuppressWarnings("unchecked")
            Map<String, Object> labelFree = (Map<String, Object>) summary(steady).get("label_free");
            assertThat(browser.findElement(By.cssSelector("#stat-label-free .v")).getText())
                    .isEqualTo(format(labelFree.get("label_free_rh_auc")));
            int groundingPoints = given().when().get("/v1/models/" + encode(steady) + "/curve").then().statusCode(200)
                    .extract().jsonPath().getList("label_free.grounding").size();
            assertThat((Long) js.executeScript("return Chart.getChart('label-free-chart').data.datasets[0].data.length"))
                    .isEqualTo((long) groundingPoints);
        });
        browser.manage().window().setSize(new Dimension(1440, 2300));
        screenshot("model");

        // Two models on the same axes.
        js.executeScript("location.hash = arguments[0];", "#/compare/" + encode(steady) + "/" + encode(drifty));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat((Long) js.executeScript("return Chart.getChart('compare-curve-chart').data.datasets.length")).isEqualTo(2);
            assertThat(browser.findElements(By.cssSelector("tr[data-model]"))).extracting(e -> e.getDomAttribute("data-model"))
                    .containsExactly(steady, drifty);
            // The paired comparison from GET /v1/compare, on the samples both models were judged on.
            assertThat(browser.findElements(By.cssSelector("#compare-deltas tr[data-delta]")))
                    .extracting(e -> e.getDomAttribute("data-delta")).startsWith("ΔRH-AUC", "Δrh_auc_raw");
            assertThat(browser.findElement(By.id("compare-shared")).getText()).matches("\\d+ shared samples .*");
        });
        JsonPath comparison = given().queryParam("a", steady).queryParam("b", drifty).when().get("/v1/compare")
                .then().statusCode(200).extract().jsonPath();
        assertThat(browser.findElement(By.cssSelector("#compare-deltas tr[data-delta='Δrh_auc_raw']")).getText())
                .contains(String.format(Locale.ROOT, "%.3f", comparison.getDouble("rh_auc_raw.a")));
        browser.manage().window().setSize(new Dimension(1440, 1000));
        screenshot("compare");
        assertThat(js.executeScript("return window.rhwatchNoReload;")).isEqualTo("still the same page");
    }

    private void assertRowShowsApiValues(String model) {
        WebElement row = row(model);
        Map<String, Object> api = summary(model);
        assertThat(text(row, "td.rh-auc .value")).isEqualTo(format(api.get("rh_auc")));
        assertThat(text(row, "td.rh-auc-raw .value")).isEqualTo(format(api.get("rh_auc_raw")));
        assertThat(text(row, "td.judged")).isEqualTo(String.format(Locale.US, "%,d", ((Number) api.get("judged")).longValue()));
        if (api.get("rh_auc_ci") instanceof List<?> ci && ci.size() == 2) {
            assertThat(text(row, "td.rh-auc .ci")).isEqualTo("[" + format(ci.get(0)) + ", " + format(ci.get(1)) + "]");
        }
    }

    private WebElement row(String model) {
        return browser.findElement(By.cssSelector("table.models tr[data-model='" + model + "']"));
    }

    private static String text(WebElement row, String css) {
        return row.findElement(By.cssSelector(css)).getText().trim();
    }

    private static String format(Object value) {
        return value == null ? "—" : String.format(Locale.US, "%.3f", ((Number) value).doubleValue());
    }

    private String apiValue(String model, String field) {
        return format(summary(model).get(field));
    }

    private static Map<String, Object> summary(String model) {
        JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();
        Map<String, Object> summary = models.getMap("find { it.model == '" + model + "' }");
        assertThat(summary).as("model %s in /v1/models", model).isNotNull();
        return summary;
    }

    private static long judged(String model) {
        JsonPath models = given().when().get("/v1/models").then().extract().jsonPath();
        Number judged = models.get("find { it.model == '" + model + "' }.judged");
        return judged == null ? 0 : judged.longValue();
    }

    private static String encode(String model) {
        return java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private long expectedJudged() {
        // Per level: 20 perception + 20 reasoning clean, 10 blank-image perception, 10 text-removal reasoning.
        return BUDGETS.length * 60L;
    }

    private void feedModel(KafkaProducer<String, byte[]> producer, String model, double[] perception, double[] reasoning) {
        for (int i = 0; i < BUDGETS.length; i++) {
            int budget = BUDGETS[i];
            feed(producer, model, budget, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, (int) Math.round(perception[i] * 20), 20);
            feed(producer, model, budget, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, (int) Math.round(reasoning[i] * 20), 20);
            feed(producer, model, budget, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE, (int) Math.round(perception[i] * 6), 10);
            feed(producer, model, budget, Task.TASK_REASONING, Corruption.CORRUPTION_TEXT_REMOVAL, (int) Math.round(reasoning[i] * 4), 10);
        }
    }

    private void feed(KafkaProducer<String, byte[]> producer, String model, int budget, Task task, Corruption corruption,
                      int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            int sampleIndex = sequence++ % 40;
            String sample = "s-" + run + "-" + sampleIndex;
            boolean right = i < correct;
            boolean censored = budget >= 200 && i == judged - 1;
            boolean perception = task == Task.TASK_PERCEPTION;
            String truth = perception ? "B" : "17";
            String answer = right ? truth : perception ? "C" : "23";
            Judgment.Builder judgment = Judgment.newBuilder()
                    .setJudgmentId(sample + "|" + model + "|" + corruption.getNumber() + "|" + budget + "|" + sequence)
                    .setProbeId(sample + "|" + model + "|" + corruption.getNumber())
                    .setSample(SampleRef.newBuilder().setSampleId(sample).setTask(task).setGroundTruth(truth))
                    .setModel(model)
                    .setCorruption(corruption)
                    .setBudget(budget)
                    .setVerdict(censored ? Verdict.VERDICT_UNPARSEABLE : right ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .setCensored(censored)
                    .setExtractedAnswer(censored ? "" : answer)
                    .setMethod(perception ? "rule:option_letter" : "rule:number")
                    .setOutput(censored ? "The shapes are arranged so that the" : perception ? "Answer: " + answer : "**Answer:** " + answer)
                    .setQuestion(perception ? "What colour is the square in the image?"
                            : "Each red shape is worth 3 points and each blue shape 5. What is the total?")
                    .setReasoningTokens(budget)
                    .setReasoningTail(budget == 0 ? "" : "... counting again: red, blue, red. ".repeat(Math.max(1, budget / 100))
                            + "So the square is blue.")
                    .setJudgedAtMs(System.currentTimeMillis());
            if (perception) {
                judgment.mergeSample(SampleRef.newBuilder().addAllChoices(List.of("red", "blue", "green", "yellow")).build());
            }
            // one sample in ten is an example, as the judge picks them: only those are the dashboard's examples
            if (sampleIndex % 10 == 0) {
                judgment.setExample(ExampleDetail.newBuilder()
                        .setThumbnail(com.google.protobuf.ByteString.copyFrom(thumbnail(sequence, corruption))));
            }
            producer.send(new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, model, judgment.build().toByteArray()));
        }
    }

    /** A small rendered scene, like the inference service's thumbnails of what the model saw. */
    private static byte[] thumbnail(int seed, Corruption corruption) {
        BufferedImage image = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 96, 72);
        if (corruption != Corruption.CORRUPTION_BLANK_IMAGE) {
            Color[] colours = {Color.RED, Color.BLUE, new Color(0, 160, 0), new Color(230, 200, 0)};
            for (int i = 0; i < 3; i++) {
                g.setColor(colours[(seed + i) % colours.length]);
                int x = 8 + i * 30;
                switch ((seed + i) % 3) {
                    case 0 -> g.fillOval(x, 22, 22, 22);
                    case 1 -> g.fillRect(x, 22, 22, 22);
                    default -> g.fillPolygon(new int[]{x, x + 11, x + 22}, new int[]{44, 22, 44}, 3);
                }
            }
        }
        g.dispose();
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
