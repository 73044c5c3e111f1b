package dev.rootcause.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -} as a file name ({@code scan -}, {@code --dump -}, {@code --data-file -}): standard
 * input kept in a temporary file, read bounded by a size limit so a runaway pipe cannot fill the
 * disk, and deleted on close, so it goes through the same readers as any file.
 */
public final class StandardInput implements AutoCloseable {
  /** The name that means standard input. */
  public static final String NAME = "-";

  private final Path dir;
  private final Path file;

  private StandardInput(Path dir, Path file) {
    this.dir = dir;
    this.file = file;
  }

  /** Whether {@code path} is {@code -}. */
  public static boolean means(Path path) {
    return path != null && path.toString().equals(NAME);
  }

  /**
   * Copies standard input to a temporary file named {@code name}.
   *
   * @throws InputException when it is larger than {@code limit} bytes
   */
  public static StandardInput copy(InputStream in, String name, long limit, String option)
      throws InputException, IOException {
    Path dir = Files.createTempDirectory("rootcause-stdin");
    Path file = dir.resolve(name);
    StandardInput copy = new StandardInput(dir, file);
    try (OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(new Bounded(out, limit));
    } catch (Bounded.Full e) {
      copy.close();
      throw new InputException(
          "standard input is larger than the "
              + limit
              + "-byte limit"
              + (option == null ? "" : " (raise it with " + option + ")"));
    } catch (IOException | RuntimeException e) {
      copy.close();
      throw e;
    }
    return copy;
  }

  /** The temporary file holding what was read. */
  public Path path() {
    return file;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** An output that refuses to grow past a limit. */
  private static final class Bounded extends FilterOutputStream {
    private final long limit;
    private long written;

    /** Thrown when the limit is passed. */
    static final class Full extends IOException {
      private static final long serialVersionUID = 1L;
    }

    Bounded(OutputStream out, long limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      written += len;
      if (written > limit) {
        throw new Full();
      }
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
