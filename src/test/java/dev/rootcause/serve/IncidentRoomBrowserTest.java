package dev.rootcause.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.incident.IncidentSeverity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two responders in real headless Chromium on one incident: the list, the incident, a note from one
 * seen by the other without a reload, a status change, the report. Screenshots land in
 * target/screenshots. Two browsers per class, not per test: each costs a second to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentRoomBrowserTest {
  private static final Path SHOTS = Path.of("target/screenshots");

  private Room room;
  private ChromeDriver first;
  private ChromeDriver second;
  private String incident;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Optional<Path> chromium =
        executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    Optional<Path> driver = executable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    Assumptions.assumeTrue(
        chromium.isPresent() && driver.isPresent(),
        "no chromium or chromedriver on this machine (apt-get install chromium chromium-driver;"
            + " .ci/run installs them)");
    room = Room.start(dir, null, List.of());
    for (int i = 1; i <= 3; i++) {
      String id = room.open("nightly batch " + i + " late", IncidentSeverity.SEV4, "batch");
      room.resolve(id);
    }
    incident =
        room.open("url-shortener returns 500 on /shorten", IncidentSeverity.SEV2, "url-shortener");
    room.incidents.note(
        incident, "500s on 1 in 3 requests since the 14:02 deploy", false, null, false);
    room.attachScanOf(incident, Path.of("examples/url-shortener"), dir);
    room.slo("url-shortener", "99.9%");
    Files.createDirectories(SHOTS);
    first = browser(chromium.get(), driver.get(), dir.resolve("profile-1"));
    second = browser(chromium.get(), driver.get(), dir.resolve("profile-2"));
  }

  @AfterAll
  void stop() {
    Stream.of(first, second).filter(b -> b != null).forEach(WebDriver::quit);
    if (room != null) {
      room.close();
    }
  }

  private static Optional<Path> executable(String... candidates) {
    return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst();
  }

  private static ChromeDriver browser(Path chromium, Path driver, Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  @Test
  void theListOpensAnIncidentWithItsFindings() throws IOException {
    first.get(room.url("/"));
    List<String> rows =
        first.findElements(By.cssSelector("#incidents tbody tr")).stream()
            .map(r -> r.getAttribute("class") + " " + r.getText())
            .toList();
    int ours = indexOf(rows, incident);
    assertThat(ours).isNotNegative();
    assertThat(rows.subList(0, ours))
        .as("open incidents come first")
        .allMatch(r -> r.startsWith("open"));
    assertThat(rows.get(rows.size() - 1)).startsWith("closed");
    shot(first, "incidents.png");
    first.findElement(By.linkText("url-shortener returns 500 on /shorten")).click();
    assertThat(first.findElement(By.id("title")).getText()).contains("url-shortener returns 500");
    assertThat(first.findElement(By.cssSelector(".evidence")).getText())
        .contains("Root causes")
        .contains("application.py:")
        .contains("Fix:");
    shot(first, "incident.png");
  }

  @Test
  void aNoteAddedInOneBrowserAppearsInTheOtherAndAScriptInItStaysText() throws IOException {
    first.get(room.url("/incidents/" + incident));
    second.get(room.url("/incidents/" + incident));
    String note = "rolled back to v1.3 <img src=x onerror=alert(1)>";
    first.findElement(By.id("note-text")).sendKeys(note);
    first.findElement(By.id("add-note")).click();
    waitFor(first, d -> d.findElement(By.id("timeline")).getText().contains(note));

    waitFor(second, d -> d.findElement(By.id("timeline")).getText().contains(note));
    assertThat(second.getCurrentUrl()).endsWith("/incidents/" + incident);
    assertThat(noAlert(second)).isTrue();
    shot(second, "note-seen-by-second-responder.png");
  }

  @Test
  void aStatusChangeShowsInBothBrowsers() throws Exception {
    String id = room.open("search p95 over 2 s", IncidentSeverity.SEV3, "search");
    first.get(room.url("/incidents/" + id));
    second.get(room.url("/incidents/" + id));
    new Select(first.findElement(By.id("status-select"))).selectByValue("monitoring");
    first.findElement(By.id("status-message")).sendKeys("index rebuilt");
    first.findElement(By.id("change-status")).click();
    waitFor(first, d -> d.findElement(By.id("status")).getText().equals("monitoring"));
    waitFor(second, d -> d.findElement(By.id("status")).getText().equals("monitoring"));
    assertThat(second.findElement(By.id("timeline")).getText())
        .contains("Status: monitoring: index rebuilt");
    shot(second, "status-changed.png");
  }

  @Test
  void thePostmortemReadsFromTheIncidentPage() throws IOException {
    first.get(room.url("/incidents/" + incident));
    first.findElement(By.id("postmortem-link")).click();
    String report = first.findElement(By.id("report")).getText();
    assertThat(report)
        .contains("Postmortem: " + incident)
        .contains("Root causes")
        .contains("Timeline")
        .contains("Action items");
    shot(first, "postmortem.png");
  }

  private static int indexOf(List<String> rows, String id) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(id)) {
        return i;
      }
    }
    return -1;
  }

  private static void waitFor(
      WebDriver driver, java.util.function.Function<WebDriver, Boolean> ok) {
    // The page's live poll swaps its sections in place: an element found a moment ago may be gone
    // by the time it is read, which is a reason to look again, not a failure.
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .ignoring(StaleElementReferenceException.class)
        .until(ok::apply);
  }

  private static boolean noAlert(WebDriver driver) {
    try {
      driver.switchTo().alert();
      return false;
    } catch (NoAlertPresentException e) {
      return true;
    }
  }

  private static void shot(ChromeDriver driver, String name) throws IOException {
    File png = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
