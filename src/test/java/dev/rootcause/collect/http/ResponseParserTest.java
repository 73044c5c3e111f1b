package dev.rootcause.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  /** Feeds {@code text} in pieces of {@code step} bytes, compacting like the connection does. */
  private static boolean feed(ResponseParser p, String text, int step) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    boolean done = false;
    for (int i = 0; i < bytes.length && !done; i += step) {
      in.put(bytes, i, Math.min(step, bytes.length - i));
      in.flip();
      done = p.parse(in);
      in.compact();
    }
    return done;
  }

  private static ResponseParser parser() {
    ResponseParser p = new ResponseParser(status -> status >= 400 ? 16 : 0);
    p.reset(false);
    return p;
  }

  @Test
  void contentLengthResponseCompletesOnlyWithItsWholeBody() throws Exception {
    ResponseParser p = parser();
    String resp = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello";
    assertThat(feed(p, resp.substring(0, resp.length() - 1), 7)).isFalse();
    p.reset(false);
    assertThat(feed(p, resp, 7)).isTrue();
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.keepAlive()).isTrue();
  }

  @Test
  void chunkedBodySplitAcrossEveryByteBoundaryIsReassembled() throws Exception {
    String resp =
        "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (int step = 1; step <= resp.length(); step++) {
      ResponseParser p = parser();
      assertThat(feed(p, resp, step)).as("step %d", step).isTrue();
      assertThat(p.status()).isEqualTo(500);
      assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
    }
  }

  @Test
  void keptBodyIsTruncatedAtTheSampleLimit() throws Exception {
    ResponseParser p = parser();
    String body = "x".repeat(40);
    assertThat(feed(p, "HTTP/1.1 503 Busy\r\nContent-Length: 40\r\n\r\n" + body, 1000)).isTrue();
    assertThat(p.body()).hasSize(16);
    assertThat(p.bodyTruncated()).isTrue();
  }

  @Test
  void connectionCloseAndHttp10EndKeepAlive() throws Exception {
    ResponseParser close = parser();
    assertThat(
            feed(close, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 100))
        .isTrue();
    assertThat(close.keepAlive()).isFalse();
    ResponseParser old = parser();
    assertThat(feed(old, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 100)).isTrue();
    assertThat(old.keepAlive()).isFalse();
    ResponseParser oldKeep = parser();
    assertThat(
            feed(
                oldKeep,
                "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok",
                100))
        .isTrue();
    assertThat(oldKeep.keepAlive()).isTrue();
  }

  @Test
  void bodyWithoutLengthEndsWithTheConnection() throws Exception {
    ResponseParser p = parser();
    assertThat(feed(p, "HTTP/1.0 404 Not Found\r\n\r\nnot here", 100)).isFalse();
    assertThat(p.endOfStream()).isTrue();
    assertThat(p.status()).isEqualTo(404);
    assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("not here");
    assertThat(p.keepAlive()).isFalse();
  }

  @Test
  void headAnd204And304HaveNoBodyDespiteTheirLength() throws Exception {
    ResponseParser head = new ResponseParser(null);
    head.reset(true);
    assertThat(feed(head, "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", 100)).isTrue();
    ResponseParser noContent = parser();
    assertThat(feed(noContent, "HTTP/1.1 204 No Content\r\n\r\n", 100)).isTrue();
    ResponseParser notModified = parser();
    assertThat(feed(notModified, "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 100))
        .isTrue();
  }

  @Test
  void interimContinueIsSkippedForTheFinalResponse() throws Exception {
    ResponseParser p = parser();
    assertThat(
            feed(
                p,
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
                5))
        .isTrue();
    assertThat(p.status()).isEqualTo(201);
  }

  @Test
  void bareLineFeedsAreAccepted() throws Exception {
    ResponseParser p = parser();
    assertThat(feed(p, "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 3)).isTrue();
  }

  @Test
  void garbageIsAMalformedResponse() {
    ResponseParser p = parser();
    assertThatThrownBy(() -> feed(p, "SSH-2.0-OpenSSH_9.2\r\n\r\n", 100))
        .isInstanceOf(ResponseParser.MalformedResponse.class)
        .hasMessageContaining("not an HTTP status line");
    ResponseParser badLength = parser();
    assertThatThrownBy(() -> feed(badLength, "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", 100))
        .isInstanceOf(ResponseParser.MalformedResponse.class)
        .hasMessageContaining("Content-Length");
  }
}
