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

  private TextFiles() {}

  /** Either the text or the problem; exactly one is non-null. */
  public record Read(String text, CollectionProblem problem) {}

  public static Read read(SourceFile file, long maxBytes) {
    SourceLocation where = SourceLocation.file(file.path());
    if (file.size() > maxBytes) {
      return failed(where, "file is " + size(file.size()) + ", above the " + size(maxBytes)
          + " limit (raise it with --max-file-size)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.absolute());
    } catch (AccessDeniedException e) {
      return failed(where, "cannot read: permission denied");
    } catch (NoSuchFileException e) {
      return failed(where, "vanished while scanning");
    } catch (IOException e) {
      return failed(where, "cannot read: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      return failed(where, "file grew to " + size(bytes.length) + " while scanning; skipped");
    }
    int probe = Math.min(bytes.length, 8192);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        return failed(where, "binary file (contains NUL bytes), not text");
      }
    }
    int offset = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    try {
      return new Read(decoder.decode(buffer).toString(), null);
    } catch (MalformedInputException e) {
      int at = buffer.position();
      return failed(new SourceLocation(file.path(), lineAt(bytes, at), 0),
          String.format(Locale.ROOT, "not UTF-8 text (invalid byte 0x%02X at offset %d); convert it to UTF-8",
              bytes[at] & 0xff, at));
    } catch (CharacterCodingException e) {
      return failed(where, "not UTF-8 text; convert it to UTF-8");
    }
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
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20)).replace(".0 ", " ");
    }
    if (bytes >= 1L << 10) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
