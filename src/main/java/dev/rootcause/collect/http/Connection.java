package dev.rootcause.collect.http;

import dev.rootcause.model.probe.ErrorClass;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.StatusPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * One HTTP/1.1 keep-alive connection driven by an {@link EventLoop}: it takes a request from its
 * endpoint, connects when it has no socket, sends, parses the answer, records it, and goes on until
 * the endpoint has no more requests for it.
 */
final class Connection {
  private enum Phase {
    IDLE,
    WAITING,
    CONNECTING,
    HANDSHAKING,
    SENDING,
    RECEIVING,
    DONE
  }

  /** A closed-model connection that could not connect waits this long before trying again. */
  static final long RECONNECT_PAUSE_NANOS = 10_000_000L;

  private static final int BODY_SAMPLE_BYTES = 4096;
  private static final int MAX_BUFFER = 64 * 1024;

  /**
   * A request still unanswered when the run ends counts as timed out once it has waited this long
   * (or the request timeout, if shorter); a younger one is simply not counted, as in wrk.
   */
  static final long CUT_OFF_AS_TIMEOUT_NANOS = 1_000_000_000L;

  private final EventLoop loop;
  private final Endpoint endpoint;
  private final Recorder recorder;
  private final StatusPolicy policy;
  private final ByteBuffer request;
  private final ResponseParser parser;
  private ByteBuffer in;
  private SocketChannel channel;
  private SelectionKey key;
  private TlsSession tls;
  private int interest;
  private Phase phase = Phase.IDLE;
  private boolean claimed;
  private long intended;
  private long started;
  private long deadline;
  private long connectDeadline;
  private boolean reused;
  private boolean retried;
  private boolean sampling;
  long wakeAt;

  Connection(EventLoop loop, Endpoint endpoint, Recorder recorder, StatusPolicy policy) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.recorder = recorder;
    this.policy = policy;
    // Direct buffers: the socket reads into and writes from them without a copy through the heap.
    this.request = endpoint.request.duplicate();
    this.in = ByteBuffer.allocateDirect(16 * 1024);
    this.parser = new ResponseParser(this::sampleBody);
  }

  private int sampleBody(int status) {
    if (!policy.isSuccess(status) && endpoint.claimSample()) {
      sampling = true;
      return BODY_SAMPLE_BYTES;
    }
    return 0;
  }

  boolean isDone() {
    return phase == Phase.DONE;
  }

  /** Takes the next request, or finishes when the endpoint has none left. */
  void next(long now) {
    long due = endpoint.claim(now);
    if (due == Endpoint.NONE) {
      finish();
      return;
    }
    claimed = true;
    intended = due;
    if (due - now > 0) {
      phase = Phase.WAITING;
      wakeAt = due;
      loop.sleep(this);
    } else {
      begin(now);
    }
  }

  /** Called by the loop when {@link #wakeAt} has come. */
  void wake(long now) {
    if (phase != Phase.WAITING) {
      return;
    }
    if (claimed) {
      begin(now);
    } else {
      next(now);
    }
  }

  private void begin(long now) {
    started = now;
    deadline = now + loop.requestTimeoutNanos;
    retried = false;
    sampling = false;
    parser.reset(endpoint.head);
    request.rewind();
    if (channel == null) {
      connect(now);
    } else {
      reused = true;
      send();
    }
  }

  private void connect(long now) {
    reused = false;
    if (endpoint.address == null) {
      fail(ErrorClass.DNS, endpoint.dnsError);
      return;
    }
    connectDeadline = Math.min(deadline, now + loop.connectTimeoutNanos);
    phase = Phase.CONNECTING;
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      interest = SelectionKey.OP_CONNECT;
      key = channel.register(loop.selector, interest, this);
      if (channel.connect(endpoint.address)) {
        connected();
      }
    } catch (IOException | UnresolvedAddressException e) {
      failed(e);
    }
  }

  private void connected() throws IOException {
    if (endpoint.target.tls()) {
      SSLEngine engine =
          loop.sslContext.createSSLEngine(endpoint.target.host(), endpoint.target.port());
      engine.setUseClientMode(true);
      engine.setSSLParameters(loop.sslParameters);
      tls = new TlsSession(engine, channel);
      int app = engine.getSession().getApplicationBufferSize();
      if (in.capacity() < app) {
        in = ByteBuffer.allocateDirect(app);
      }
      phase = Phase.HANDSHAKING;
      handshake();
    } else {
      send();
    }
  }

  private void handshake() throws IOException {
    if (tls.handshake()) {
      send();
    } else {
      setInterest(tls.wantsWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }
  }

  private void send() {
    phase = Phase.SENDING;
    try {
      boolean all = tls != null ? tls.write(request) : write();
      if (all) {
        phase = Phase.RECEIVING;
        setInterest(SelectionKey.OP_READ);
      } else {
        setInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  private boolean write() throws IOException {
    channel.write(request);
    return !request.hasRemaining();
  }

  /** The selector says the channel is ready for {@code ops}. */
  void ready(int ops) {
    try {
      switch (phase) {
        case CONNECTING -> {
          if ((ops & SelectionKey.OP_CONNECT) != 0 && channel.finishConnect()) {
            connected();
          }
        }
        case HANDSHAKING -> handshake();
        case SENDING -> {
          if ((ops & SelectionKey.OP_WRITE) != 0) {
            boolean all = tls != null ? tls.write(request) : write();
            if (all) {
              phase = Phase.RECEIVING;
              setInterest(SelectionKey.OP_READ);
            }
          }
          if ((ops & SelectionKey.OP_READ) != 0) {
            receive();
          }
        }
        case RECEIVING -> receive();
        default -> {}
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void receive() throws IOException {
    while (true) {
      int space = in.remaining();
      int n = tls != null ? tls.read(in) : channel.read(in);
      if (n < 0) {
        endOfStream();
        return;
      }
      if (n == 0) {
        return;
      }
      in.flip();
      boolean complete;
      try {
        complete = parser.parse(in);
      } catch (ResponseParser.MalformedResponse e) {
        in.clear();
        fail(ErrorClass.PROTOCOL, e.getMessage());
        return;
      }
      in.compact();
      if (complete) {
        // Bytes after a whole response were not asked for (we never pipeline): drop them.
        in.clear();
        complete();
        return;
      }
      if (!in.hasRemaining()) {
        if (in.capacity() >= MAX_BUFFER) {
          in.clear();
          fail(ErrorClass.PROTOCOL, "response headers longer than " + MAX_BUFFER + " bytes");
          return;
        }
        in = ByteBuffer.allocateDirect(in.capacity() * 2).put(in.flip());
      }
      boolean more = n == space || tls != null && tls.hasBuffered();
      if (!more) {
        return;
      }
    }
  }

  private void endOfStream() throws IOException {
    if (parser.endOfStream()) {
      in.clear();
      complete();
      return;
    }
    if (reused && !parser.sawBytes() && !retried) {
      retryOnFreshConnection();
      return;
    }
    throw new EOFException(
        parser.sawBytes()
            ? "the server closed the connection in the middle of the response"
            : "the server closed the connection without responding");
  }

  /**
   * A kept-alive connection the server had already closed: not the request's fault, try once more.
   */
  private void retryOnFreshConnection() {
    closeChannel();
    retried = true;
    parser.reset(endpoint.head);
    request.rewind();
    connect(System.nanoTime());
  }

  private void complete() {
    long now = System.nanoTime();
    int status = parser.status();
    boolean success = policy.isSuccess(status);
    long from = endpoint.open ? intended : started;
    recorder.response(status, success, (now - from) / 1_000, second(now), now);
    recorder.answerNanos += now - started;
    if (sampling) {
      byte[] body = parser.body();
      recorder.samples.add(
          new FailureSample(
              endpoint.target.url(),
              status,
              null,
              null,
              body == null ? "" : new String(body, StandardCharsets.UTF_8),
              parser.bodyTruncated(),
              (now - endpoint.startNanos) / 1_000_000));
    }
    endpoint.completed(!success);
    if (!parser.keepAlive()) {
      closeChannel();
    }
    phase = Phase.IDLE;
    claimed = false;
    next(now);
  }

  /** Called by the loop's sweep: fails the request if its time is up. */
  void checkTimeout(long now) {
    switch (phase) {
      case CONNECTING -> {
        if (now - connectDeadline >= 0) {
          fail(
              ErrorClass.CONNECT_TIMEOUT,
              "no connection within " + loop.connectTimeoutNanos / 1_000_000 + " ms");
        }
      }
      case HANDSHAKING, SENDING, RECEIVING -> {
        if (now - deadline >= 0) {
          fail(
              ErrorClass.TIMEOUT,
              "no complete response within " + loop.requestTimeoutNanos / 1_000_000 + " ms");
        }
      }
      default -> {}
    }
  }

  private void failed(Throwable e) {
    if ((phase == Phase.RECEIVING || phase == Phase.SENDING)
        && reused
        && !parser.sawBytes()
        && !retried
        && isReset(e)) {
      retryOnFreshConnection();
      return;
    }
    fail(classify(e), describe(e));
  }

  private boolean isReset(Throwable e) {
    return e instanceof SocketException && classify(e) == ErrorClass.RESET;
  }

  private ErrorClass classify(Throwable e) {
    if (e instanceof UnresolvedAddressException) {
      return ErrorClass.DNS;
    }
    if (e instanceof SSLException) {
      return ErrorClass.TLS;
    }
    String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (phase == Phase.HANDSHAKING) {
      return ErrorClass.TLS;
    }
    if (e instanceof ConnectException || phase == Phase.CONNECTING) {
      return msg.contains("refused")
          ? ErrorClass.CONNECTION_REFUSED
          : msg.contains("timed out") ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.CONNECT_FAILED;
    }
    if (msg.contains("reset") || msg.contains("broken pipe")) {
      return ErrorClass.RESET;
    }
    if (e instanceof EOFException || e instanceof ClosedChannelException) {
      return ErrorClass.CLOSED;
    }
    return ErrorClass.IO;
  }

  private static String describe(Throwable e) {
    String refused = CertificateTrust.reason(e);
    if (refused != null) {
      return refused;
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private void fail(ErrorClass error, String detail) {
    long now = System.nanoTime();
    boolean connectLevel = error.isConnectLevel();
    record(error, detail, now);
    closeChannel();
    claimed = false;
    // The next request starts from the loop, not from here: a failure can happen inside begin(),
    // and going on directly would recurse once per failed request. Without a pause a dead target
    // turns the closed model into a busy loop of failures.
    phase = Phase.WAITING;
    wakeAt = connectLevel && !endpoint.open ? now + RECONNECT_PAUSE_NANOS : now;
    loop.sleep(this);
  }

  private void record(ErrorClass error, String detail, long now) {
    recorder.error(error, second(now), now);
    if (endpoint.claimSample()) {
      recorder.samples.add(
          new FailureSample(
              endpoint.target.url(),
              0,
              error,
              detail,
              null,
              false,
              (now - endpoint.startNanos) / 1_000_000));
    }
    endpoint.completed(true);
  }

  private int second(long now) {
    return (int) Math.max(0, (now - endpoint.startNanos) / 1_000_000_000L);
  }

  private void setInterest(int ops) {
    if (ops != interest && key != null && key.isValid()) {
      key.interestOps(ops);
      interest = ops;
    }
  }

  private void closeChannel() {
    if (channel != null) {
      if (key != null) {
        key.cancel();
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to do about a socket that will not close; it is gone from the selector.
      }
    }
    channel = null;
    key = null;
    tls = null;
    interest = 0;
    in.clear();
  }

  private void finish() {
    closeChannel();
    phase = Phase.DONE;
    loop.finished(this);
  }

  /**
   * The run's duration is over: a request waiting long enough for its answer is recorded as timed
   * out, one taken from the schedule but not yet sent as not sent, and the connection ends.
   */
  void cutOff(long now) {
    switch (phase) {
      case CONNECTING, HANDSHAKING, SENDING, RECEIVING -> {
        if (now - started >= Math.min(CUT_OFF_AS_TIMEOUT_NANOS, loop.requestTimeoutNanos)) {
          record(
              ErrorClass.TIMEOUT,
              "no response within "
                  + (now - started) / 1_000_000
                  + " ms, when the run's --duration ended",
              now);
        }
      }
      case WAITING -> {
        if (claimed) {
          endpoint.abandoned.increment();
        }
      }
      default -> {}
    }
    abort();
  }

  /** Ends the connection where it stands when the run is stopped from outside. */
  void abort() {
    if (phase != Phase.DONE) {
      closeChannel();
      phase = Phase.DONE;
    }
  }
}
