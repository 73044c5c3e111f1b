package dev.rootcause.collect;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Per-file facts kept between runs, so that a second scan parses only the files that changed (as
 * ESLint, ruff and mypy do). One pack file per scanned root under the cache folder holds, for each
 * file, its size, modification time, content hash and facts; the pack is valid only for the build
 * of rootcause that wrote it. A file whose size and modification time are unchanged is not read
 * again; one whose content hash is unchanged is not parsed again.
 *
 * <p>Concurrent runs are safe: a pack is written to a temporary file and moved into place in one
 * step, so a reader sees the old pack or the new one, never half of one. A pack that cannot be read
 * (corrupt, truncated, from another build, or holding classes that are not ours) is ignored: the
 * scan is then a cold one, never a wrong one.
 */
public final class FactsCache {
  /** "RCFACTS" and a version byte: what a pack file starts with. */
  private static final long MAGIC = 0x5243464143545301L;

  /** Bumped when the pack layout changes; the build id covers changes to the facts themselves. */
  private static final int FORMAT = 2;

  private static final int MAX_SHARDS = 16;

  /** Packs of roots not scanned for this long are deleted when another pack is written. */
  private static final Duration UNUSED_PACK_LIFETIME = Duration.ofDays(30);

  private static final ObjectInputFilter ONLY_OUR_FACTS =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=200;java.lang.*;java.util.*;java.time.*;java.math.*;dev.rootcause.model.**;"
              + "dev.rootcause.collect.**;!*");

  private final Path dir;
  private final Path pack;
  private final String buildId;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private volatile boolean changed;
  private volatile String lastError;
  private volatile Thread saving;
  private volatile long writeCpuNanos;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** What the cache knows of one file. */
  private record Entry(long size, long modifiedNanos, String sha256, Facts facts)
      implements Serializable {}

  private FactsCache(Path dir, Path pack, String buildId, Map<String, Entry> previous) {
    this.dir = dir;
    this.pack = pack;
    this.buildId = buildId;
    this.previous = previous;
  }

  /**
   * Opens the cache of {@code root} in {@code dir}, loading what an earlier run of this build left.
   * Never fails: an unreadable cache is an empty one.
   */
  public static FactsCache open(Path dir, Path root) {
    String buildId = buildId();
    Path pack =
        dir.resolve(
            "facts-"
                + sha256(root.toAbsolutePath().normalize().toString()).substring(0, 32)
                + ".pack");
    Map<String, Entry> previous = Map.of();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(pack)))) {
      if (in.readLong() == MAGIC && in.readInt() == FORMAT && in.readUTF().equals(buildId)) {
        int shards = in.readInt();
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < shards && i < MAX_SHARDS; i++) {
          int length = in.readInt();
          if (length < 0 || length > Files.size(pack)) {
            throw new IOException("corrupt shard length " + length);
          }
          blobs.add(in.readNBytes(length));
        }
        previous = new HashMap<>();
        for (Map<String, Entry> shard :
            blobs.parallelStream().map(FactsCache::readShard).toList()) {
          previous.putAll(shard);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Missing, corrupt, truncated or foreign: start cold.
      previous = Map.of();
    }
    return new FactsCache(dir, pack, buildId, previous);
  }

  /** Facts for a file whose size and modification time are those of the cached entry, or null. */
  Facts unchanged(SourceFile file) {
    Entry e = previous.get(file.path());
    if (e == null
        || file.modifiedNanos() < 0
        || e.size() != file.size()
        || e.modifiedNanos() != file.modifiedNanos()
        || !e.facts().besidesUnchanged()) {
      return null;
    }
    current.put(file.path(), e);
    return e.facts();
  }

  /** Facts cached for this exact content, or null; the text's hash goes to {@link #put}. */
  Facts sameContent(SourceFile file, String sha256) {
    Entry e = previous.get(file.path());
    if (e == null || !e.sha256().equals(sha256) || !e.facts().besidesUnchanged()) {
      return null;
    }
    current.put(file.path(), new Entry(file.size(), file.modifiedNanos(), sha256, e.facts()));
    changed = true;
    return e.facts();
  }

  void put(SourceFile file, String sha256, Facts facts) {
    current.put(file.path(), new Entry(file.size(), trustedModified(file), sha256, facts));
    changed = true;
  }

  /**
   * The modification time to trust next run, or -1. A file written in the last seconds may be
   * written again within the same clock tick with the same size (git's "racily clean" case): its
   * content hash is checked next time instead.
   */
  private static long trustedModified(SourceFile file) {
    long now = System.currentTimeMillis() * 1_000_000L;
    return file.modifiedNanos() < 0 || now - file.modifiedNanos() < 3_000_000_000L
        ? -1
        : file.modifiedNanos();
  }

  /**
   * Starts writing the pack on a thread of its own, so serialization overlaps the link step and the
   * rules; {@link #awaitSaved} waits for it. Call once every file's facts are final.
   */
  void saveInBackground() {
    Thread writer =
        Thread.ofPlatform()
            .name("rootcause-cache-writer")
            .daemon(false)
            .unstarted(
                () -> {
                  long start = THREADS.getCurrentThreadCpuTime();
                  save();
                  writeCpuNanos = THREADS.getCurrentThreadCpuTime() - start;
                });
    saving = writer;
    writer.start();
  }

  /** Waits for the pack to be written; returns the CPU milliseconds the writing took. */
  public long awaitSaved() {
    Thread writer = saving;
    if (writer == null) {
      return 0;
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return writeCpuNanos / 1_000_000;
  }

  /**
   * Writes the pack when anything changed (files added, edited or gone). Best effort: a cache that
   * cannot be written costs the next run time, not correctness.
   */
  void save() {
    if (!changed && current.size() == previous.size()) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "facts-", ".tmp");
      try {
        // Shards are serialized (and read back) in parallel: Java serialization is the cost of a
        // warm scan, and one stream would keep one core busy while the other waits.
        int shards = Math.min(MAX_SHARDS, 2 * Runtime.getRuntime().availableProcessors());
        List<Map<String, Entry>> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
          parts.add(new HashMap<>());
        }
        current.forEach(
            (path, e) -> parts.get(Math.floorMod(path.hashCode(), shards)).put(path, e));
        List<byte[]> blobs = parts.parallelStream().map(FactsCache::writeShard).toList();
        try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
          out.writeLong(MAGIC);
          out.writeInt(FORMAT);
          out.writeUTF(buildId);
          out.writeInt(blobs.size());
          for (byte[] blob : blobs) {
            out.writeInt(blob.length);
            out.write(blob);
          }
        }
        try {
          Files.move(
              tmp, pack, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, pack, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      deleteUnusedPacks();
    } catch (IOException | RuntimeException e) {
      // A read-only home or a full disk: the next run is cold, nothing worse.
      lastError = "facts cache not written to " + dir + ": " + e;
    }
  }

  private static Map<String, Entry> readShard(byte[] blob) {
    try (ObjectInputStream objects =
        new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(blob), 1 << 16))) {
      objects.setObjectInputFilter(ONLY_OUR_FACTS);
      Map<String, Entry> shard = new HashMap<>();
      int n = objects.readInt();
      for (int i = 0; i < n; i++) {
        shard.put(objects.readUTF(), (Entry) objects.readObject());
      }
      return shard;
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new UncheckedIOException(new IOException("unreadable shard", e));
    }
  }

  private static byte[] writeShard(Map<String, Entry> shard) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // The fastest deflate level: a pack is written on every scan that changed a file, and read
    // back once; level 1 is a few times faster than the default for 10-20% more bytes.
    try (ObjectOutputStream objects =
        new ObjectOutputStream(
            new GZIPOutputStream(bytes, 1 << 16) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            })) {
      objects.writeInt(shard.size());
      for (Map.Entry<String, Entry> e : shard.entrySet()) {
        objects.writeUTF(e.getKey());
        objects.writeObject(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void deleteUnusedPacks() throws IOException {
    Instant cutoff = Instant.now().minus(UNUSED_PACK_LIFETIME);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("facts-")).toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Why the last {@link #save} wrote nothing, or null: shown by {@code scan --verbose}. */
  public String lastError() {
    return lastError;
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * This build of rootcause: its version and when it was built. Facts depend on the collectors'
   * code, so a rebuilt rootcause never trusts a pack an older build wrote.
   */
  private static String buildId() {
    Properties p = new Properties();
    try (InputStream in = FactsCache.class.getResourceAsStream("/dev/rootcause/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // No build id: fall back to the version alone.
    }
    return p.getProperty("version", "dev") + "@" + p.getProperty("built", "unknown");
  }
}
