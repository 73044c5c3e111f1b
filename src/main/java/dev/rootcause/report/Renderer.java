package dev.rootcause.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Formats one kind of result (a scan, a probe, a verify run) in one format; renderers only format,
 * they decide nothing.
 */
@FunctionalInterface
public interface Renderer<T> {
  void render(T result, Writer out) throws IOException;
}
