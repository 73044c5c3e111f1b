import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.RepoWalker;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.TextFiles;
import dev.rootcause.collect.yaml.YamlReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor the scan is measured against: walk the tree, read every file the scan would read, and
 * YAML-parse the YAML ones, on all cores, with nothing else. Run with the scan's own jar:
 * java -cp target/rootcause.jar bench/ReadParseFloor.java DIR
 */
public class ReadParseFloor {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long start = System.nanoTime();
    RepoWalker.Walk walk = RepoWalker.walk(root, List.of());
    List<SourceFile> files = walk.files();
    AtomicLong bytes = new AtomicLong();
    AtomicLong docs = new AtomicLong();
    files.parallelStream().forEach(f -> {
      TextFiles.Read read = TextFiles.read(f, TextFiles.DEFAULT_MAX_BYTES);
      if (read.text() == null) {
        return;
      }
      bytes.addAndGet(read.text().length());
      if (f.kind() == FileKind.YAML) {
        docs.addAndGet(YamlReader.read(f.path(), read.text()).documents().size());
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("floor: %d files, %.1f MB, %d YAML documents in %.2f s (%.0f files/s)%n",
        files.size(), bytes.get() / 1e6, docs.get(), seconds, files.size() / seconds);
  }
}
