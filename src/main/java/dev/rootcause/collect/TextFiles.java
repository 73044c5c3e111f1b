package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Reads a file as UTF-8 text, or says in one line why not: too large, binary, not UTF-8,
 * unreadable. The size is checked before reading, so a 200 MB file costs nothing.
 */
public final class TextFiles {
  /** Default upper bound on a file rootcause reads (overridable with {@code --max-file-size}). */
  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

  // How each problem starts, so coverage can count files by why they were not read.
  static final String TOO_LARGE = "file is ";
  static final String NO_MEMORY = "too large to hold in memory";
  static final String BINARY = "binary file";
  static final String NOT_UTF8 = "not UTF-8 text";
  static final String CANNOT_READ = "cannot read";
  static final String VANISHED = "vanished while scanning";
  static final String GREW = "file grew to";

  /**
   * Heap a file needs while it is read and parsed, per byte of it: the bytes and the decoded text
   * (up to 3), snakeyaml's node tree and the positioned tree made from it, both alive while one is
   * converted (measured on a 7.4 MiB list of 3,800 pods: about 10 bytes per byte each), with room
   * to spare for the files read beside it.
   */
  private static final int HEAP_PER_BYTE = 32;

  private TextFiles() {}

  /** Either the text or the problem; exactly one is non-null. */
  public record Read(String text, CollectionProblem problem) {}

  public static Read read(SourceFile file, long maxBytes) {
    SourceLocation where = SourceLocation.file(file.path());
    if (file.size() > maxBytes) {
      return failed(
          where,
          TOO_LARGE
              + size(file.size())
              + ", above the "
              + size(maxBytes)
              + " limit (raise it with --max-file-size)");
    }
    long heap = headroom();
    if (file.size() > heap / HEAP_PER_BYTE) {
      return tooLargeForMemory(where, file.size(), heap);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.absolute());
    } catch (AccessDeniedException e) {
      return failed(where, CANNOT_READ + ": permission denied");
    } catch (NoSuchFileException e) {
      return failed(where, VANISHED);
    } catch (OutOfMemoryError e) {
      // Other files were being read at the same time: this one is dropped, the scan goes on.
      return tooLargeForMemory(where, file.size(), headroom());
    } catch (IOException e) {
      return failed(where, CANNOT_READ + ": " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      return failed(where, GREW + " " + size(bytes.length) + " while scanning; skipped");
    }
    int probe = Math.min(bytes.length, 8192);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        return failed(where, BINARY + " (contains NUL bytes), not text");
      }
    }
    int offset =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    try {
      return new Read(decoder.decode(buffer).toString(), null);
    } catch (MalformedInputException e) {
      int at = buffer.position();
      return failed(
          new SourceLocation(file.path(), lineAt(bytes, at), 0),
          String.format(
              Locale.ROOT,
              NOT_UTF8 + " (invalid byte 0x%02X at offset %d); convert it to UTF-8",
              bytes[at] & 0xff,
              at));
    } catch (CharacterCodingException e) {
      return failed(where, NOT_UTF8 + "; convert it to UTF-8");
    } catch (OutOfMemoryError e) {
      return tooLargeForMemory(where, bytes.length, headroom());
    }
  }

  /** The heap this JVM can still give: its maximum less what is in use now. */
  static long headroom() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * A file the limit lets through but the heap cannot hold: skipped with the way out, so that
   * raising --max-file-size never costs the whole report.
   */
  private static Read tooLargeForMemory(SourceLocation where, long bytes, long heap) {
    return failed(
        where,
        NO_MEMORY
            + ": the file is "
            + size(bytes)
            + " and reading it needs about "
            + size(bytes * HEAP_PER_BYTE)
            + " of the "
            + size(Math.max(0, heap))
            + " free; give the JVM"
            + " more heap (bin/rootcause: ROOTCAUSE_JAVA_OPTS=-Xmx4g) or split the file");
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static Read failed(SourceLocation where, String why) {
    return new Read(null, CollectionProblem.skipped(where, why));
  }

  static String size(long bytes) {
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
          .replace(".0 ", " ");
    }
    if (bytes >= 1L << 10) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
