package dev.rootcause.collect.http;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel with {@link SSLEngine}: the handshake is driven step by step by
 * the event loop, and application bytes pass through {@link #read} and {@link #write}.
 */
final class TlsSession {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SSLEngine engine;
  private final SocketChannel channel;
  private final ByteBuffer netIn;
  private final ByteBuffer netOut;
  private final ByteBuffer appIn;
  private boolean wantsWrite;

  TlsSession(SSLEngine engine, SocketChannel channel) throws SSLException {
    this.engine = engine;
    engine.beginHandshake();
    this.channel = channel;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    appIn.flip();
  }

  /** After {@link #handshake} returned false: whether it waits to write (else to read). */
  boolean wantsWrite() {
    return wantsWrite;
  }

  /** Advances the handshake as far as the channel allows; true when it is complete. */
  boolean handshake() throws IOException {
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP -> {
          SSLEngineResult r = engine.wrap(EMPTY, netOut);
          if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the TLS engine closed during the handshake");
          }
          if (!flush()) {
            wantsWrite = true;
            return false;
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (!unwrapOnce()) {
            int n = channel.read(netIn);
            if (n < 0) {
              throw new EOFException("the server closed the connection during the TLS handshake");
            }
            if (n == 0) {
              wantsWrite = false;
              return false;
            }
          }
        }
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
        }
        default -> {
          if (!flush()) {
            wantsWrite = true;
            return false;
          }
          return true;
        }
      }
    }
  }

  /**
   * Encrypts all of {@code src} and sends what the channel takes.
   *
   * @return true when everything was sent
   */
  boolean write(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (!flush()) {
        return false;
      }
      SSLEngineResult r = engine.wrap(src, netOut);
      if (r.getStatus() != SSLEngineResult.Status.OK) {
        throw new SSLException("TLS wrap failed: " + r.getStatus());
      }
      if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
        // A renegotiation or key update would need reads first; never spin on it.
        throw new SSLException(
            "TLS engine made no progress while sending (" + r.getHandshakeStatus() + ")");
      }
    }
    return flush();
  }

  /** Sends encrypted bytes still waiting; true when none are left. */
  boolean flush() throws IOException {
    netOut.flip();
    try {
      while (netOut.hasRemaining()) {
        if (channel.write(netOut) == 0) {
          return false;
        }
      }
      return true;
    } finally {
      netOut.compact();
    }
  }

  /** Whether decrypted or encrypted bytes are buffered and {@link #read} would return some. */
  boolean hasBuffered() {
    return appIn.hasRemaining() || netIn.position() > 0;
  }

  /**
   * Reads and decrypts into {@code dst} (write mode).
   *
   * @return bytes added, 0 when nothing is available yet, -1 at the end of the stream
   */
  int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    int added = drain(dst);
    if (added > 0) {
      return added;
    }
    while (true) {
      if (unwrapOnce()) {
        added = drain(dst);
        if (added > 0) {
          return added;
        }
        if (engine.isInboundDone()) {
          return -1;
        }
        continue;
      }
      int n = channel.read(netIn);
      if (n < 0) {
        return -1;
      }
      if (n == 0) {
        return 0;
      }
    }
  }

  /** Unwraps one record from netIn into appIn; false when netIn holds no whole record. */
  private boolean unwrapOnce() throws IOException {
    if (netIn.position() == 0) {
      return false;
    }
    netIn.flip();
    appIn.compact();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      appIn.flip();
      netIn.compact();
    }
    return switch (r.getStatus()) {
      case OK -> true;
      case CLOSED -> r.bytesProduced() > 0 || r.bytesConsumed() > 0;
      case BUFFER_UNDERFLOW -> false;
      case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than the buffer");
    };
  }

  private int drain(ByteBuffer dst) {
    int n = Math.min(appIn.remaining(), dst.remaining());
    if (n > 0) {
      ByteBuffer slice = appIn.slice(appIn.position(), n);
      dst.put(slice);
      appIn.position(appIn.position() + n);
    }
    return n;
  }
}
