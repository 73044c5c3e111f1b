package dev.rootcause.collect.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response parser: fed whatever bytes arrived, it says when one whole
 * response (status line, headers, and a body framed by Content-Length, chunked encoding or the end
 * of the connection) has been read. It allocates nothing per response unless asked to keep the
 * body, so a probe can parse tens of thousands of responses a second.
 */
final class ResponseParser {
  /** The bytes violate HTTP/1.1 framing. */
  static final class MalformedResponse extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String message) {
      super(message);
    }
  }

  private enum State {
    HEAD,
    BODY_LENGTH,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    BODY_EOF,
    DONE
  }

  private static final int MAX_HEAD = 64 * 1024;
  private static final byte[] CONTENT_LENGTH = "content-length".getBytes();
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes();
  private static final byte[] CONNECTION = "connection".getBytes();

  /** Asked once the status is known, before any body byte: how many body bytes to keep. */
  interface BodySampler {
    int keep(int status);
  }

  private final BodySampler sampler;
  private State state = State.HEAD;
  private boolean headRequest;
  private int scanned;
  private int status;
  private boolean keepAlive;
  private long remaining;
  private boolean sawBytes;
  private ByteArrayOutputStream body;
  private int bodyLimit;
  private boolean bodyTruncated;

  ResponseParser(BodySampler sampler) {
    this.sampler = sampler;
  }

  /** Starts a new response; {@code head} when the request was HEAD, whose response has no body. */
  void reset(boolean head) {
    state = State.HEAD;
    headRequest = head;
    scanned = 0;
    status = 0;
    keepAlive = true;
    remaining = 0;
    sawBytes = false;
    body = null;
    bodyTruncated = false;
  }

  private void keepBody(int limit) {
    body = new ByteArrayOutputStream(Math.min(limit, 4096));
    bodyLimit = limit;
  }

  int status() {
    return status;
  }

  boolean headersDone() {
    return state != State.HEAD;
  }

  boolean done() {
    return state == State.DONE;
  }

  /** Whether the connection may carry the next request. */
  boolean keepAlive() {
    return keepAlive && state != State.BODY_EOF;
  }

  /** Whether any byte of this response has arrived. */
  boolean sawBytes() {
    return sawBytes;
  }

  byte[] body() {
    return body == null ? null : body.toByteArray();
  }

  boolean bodyTruncated() {
    return bodyTruncated;
  }

  /**
   * Consumes bytes from {@code in} (read mode). On return, what is left in {@code in} is an
   * incomplete line the next call needs again; the caller compacts.
   *
   * @return true when the response is complete
   */
  boolean parse(ByteBuffer in) throws MalformedResponse {
    if (in.hasRemaining()) {
      sawBytes = true;
    }
    while (true) {
      switch (state) {
        case HEAD -> {
          if (!parseHead(in)) {
            return false;
          }
        }
        case BODY_LENGTH -> {
          int n = (int) Math.min(remaining, in.remaining());
          consumeBody(in, n);
          remaining -= n;
          if (remaining > 0) {
            return false;
          }
          state = State.DONE;
        }
        case BODY_EOF -> {
          consumeBody(in, in.remaining());
          return false;
        }
        case CHUNK_SIZE -> {
          int end = lineEnd(in);
          if (end < 0) {
            return needMoreLine(in);
          }
          remaining = chunkSize(in, end);
          in.position(end + 1);
          state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        }
        case CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.remaining());
          consumeBody(in, n);
          remaining -= n;
          if (remaining > 0) {
            return false;
          }
          state = State.CHUNK_END;
        }
        case CHUNK_END, TRAILERS -> {
          int end = lineEnd(in);
          if (end < 0) {
            return needMoreLine(in);
          }
          boolean empty =
              end == in.position() || end == in.position() + 1 && in.get(in.position()) == '\r';
          in.position(end + 1);
          if (state == State.CHUNK_END) {
            if (!empty) {
              throw new MalformedResponse("chunk data longer than its declared size");
            }
            state = State.CHUNK_SIZE;
          } else if (empty) {
            state = State.DONE;
          }
        }
        case DONE -> {
          return true;
        }
      }
    }
  }

  /** The connection ended; a body framed by the end of the connection is now complete. */
  boolean endOfStream() {
    if (state == State.BODY_EOF) {
      state = State.DONE;
      keepAlive = false;
      return true;
    }
    return state == State.DONE;
  }

  private boolean needMoreLine(ByteBuffer in) throws MalformedResponse {
    if (in.remaining() > 4096) {
      throw new MalformedResponse("chunk line longer than 4096 bytes");
    }
    return false;
  }

  private void consumeBody(ByteBuffer in, int n) {
    if (body != null && n > 0) {
      int room = bodyLimit - body.size();
      int keep = Math.min(room, n);
      if (keep > 0) {
        if (in.hasArray()) {
          body.write(in.array(), in.arrayOffset() + in.position(), keep);
        } else {
          byte[] tmp = new byte[keep];
          in.duplicate().get(tmp);
          body.write(tmp, 0, keep);
        }
      }
      if (n > room) {
        bodyTruncated = true;
      }
    }
    in.position(in.position() + n);
  }

  private static int lineEnd(ByteBuffer in) {
    for (int i = in.position(), lim = in.limit(); i < lim; i++) {
      if (in.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static long chunkSize(ByteBuffer in, int end) throws MalformedResponse {
    long size = 0;
    int digits = 0;
    for (int i = in.position(); i < end; i++) {
      int c = in.get(i);
      int d = Character.digit(c, 16);
      if (d < 0) {
        if (c == ';' || c == '\r' || c == ' ' || c == '\t') {
          break;
        }
        throw new MalformedResponse("bad chunk size");
      }
      if (++digits > 15) {
        throw new MalformedResponse("chunk size too large");
      }
      size = size * 16 + d;
    }
    if (digits == 0) {
      throw new MalformedResponse("missing chunk size");
    }
    return size;
  }

  /** Finds the end of the head; when present, reads status and framing and moves past it. */
  private boolean parseHead(ByteBuffer in) throws MalformedResponse {
    int start = in.position();
    int limit = in.limit();
    int end = -1;
    for (int i = Math.max(start + scanned, start + 1); i < limit; i++) {
      if (in.get(i) == '\n') {
        byte prev = in.get(i - 1);
        if (prev == '\n' || prev == '\r' && i - 2 >= start && in.get(i - 2) == '\n') {
          end = i;
          break;
        }
      }
    }
    if (end < 0) {
      scanned = Math.max(0, limit - start - 1);
      if (limit - start > MAX_HEAD) {
        throw new MalformedResponse("response headers longer than " + MAX_HEAD + " bytes");
      }
      return false;
    }
    scanned = 0;
    int lineStart = start;
    int statusLineEnd = indexOf(in, lineStart, end, (byte) '\n');
    boolean http10 = parseStatusLine(in, lineStart, statusLineEnd);
    keepAlive = !http10;
    long contentLength = -1;
    boolean chunked = false;
    for (int ls = statusLineEnd + 1; ls < end; ) {
      int le = indexOf(in, ls, end + 1, (byte) '\n');
      int contentEnd = le > ls && in.get(le - 1) == '\r' ? le - 1 : le;
      int colon = indexOf(in, ls, contentEnd, (byte) ':');
      if (colon > ls) {
        if (nameIs(in, ls, colon, CONTENT_LENGTH)) {
          contentLength = parseLength(in, colon + 1, contentEnd);
        } else if (nameIs(in, ls, colon, TRANSFER_ENCODING)) {
          chunked = valueContains(in, colon + 1, contentEnd, "chunked");
        } else if (nameIs(in, ls, colon, CONNECTION)) {
          if (valueContains(in, colon + 1, contentEnd, "close")) {
            keepAlive = false;
          } else if (valueContains(in, colon + 1, contentEnd, "keep-alive")) {
            keepAlive = true;
          }
        }
      }
      ls = le + 1;
    }
    in.position(end + 1);
    if (status >= 100 && status < 200 && status != 101) {
      // An interim response (100 Continue, 103 Early Hints): the real one follows.
      status = 0;
      return true;
    }
    int keep = sampler == null ? 0 : sampler.keep(status);
    if (keep > 0) {
      keepBody(keep);
    }
    if (headRequest || status == 204 || status == 304 || status == 101) {
      state = State.DONE;
      if (status == 101) {
        keepAlive = false;
      }
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      state = contentLength == 0 ? State.DONE : State.BODY_LENGTH;
    } else {
      state = State.BODY_EOF;
      keepAlive = false;
    }
    return true;
  }

  private boolean parseStatusLine(ByteBuffer in, int from, int to) throws MalformedResponse {
    // "HTTP/1.1 200 OK"
    if (to - from < 12
        || in.get(from) != 'H'
        || in.get(from + 1) != 'T'
        || in.get(from + 2) != 'T'
        || in.get(from + 3) != 'P'
        || in.get(from + 4) != '/'
        || in.get(from + 8) != ' ') {
      throw new MalformedResponse("not an HTTP status line");
    }
    int code = 0;
    for (int i = from + 9; i < from + 12; i++) {
      int d = in.get(i) - '0';
      if (d < 0 || d > 9) {
        throw new MalformedResponse("bad status code");
      }
      code = code * 10 + d;
    }
    if (code < 100 || code > 599) {
      throw new MalformedResponse("status code " + code + " out of range");
    }
    status = code;
    return in.get(from + 5) == '1' && in.get(from + 7) == '0';
  }

  private static int indexOf(ByteBuffer in, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (in.get(i) == b) {
        return i;
      }
    }
    return to;
  }

  private static boolean nameIs(ByteBuffer in, int from, int to, byte[] lowerName) {
    while (to > from && (in.get(to - 1) == ' ' || in.get(to - 1) == '\t')) {
      to--;
    }
    if (to - from != lowerName.length) {
      return false;
    }
    for (int i = 0; i < lowerName.length; i++) {
      if ((in.get(from + i) | 0x20) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private static long parseLength(ByteBuffer in, int from, int to) throws MalformedResponse {
    long v = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      int c = in.get(i);
      if (c == ' ' || c == '\t') {
        if (digits > 0) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '9' || ++digits > 18) {
        throw new MalformedResponse("bad Content-Length");
      }
      v = v * 10 + (c - '0');
    }
    if (digits == 0) {
      throw new MalformedResponse("empty Content-Length");
    }
    return v;
  }

  private static boolean valueContains(ByteBuffer in, int from, int to, String lowerWord) {
    int n = lowerWord.length();
    outer:
    for (int i = from; i + n <= to; i++) {
      for (int j = 0; j < n; j++) {
        if ((in.get(i + j) | 0x20) != lowerWord.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
