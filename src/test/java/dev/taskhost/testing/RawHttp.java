package dev.taskhost.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-written HTTP/1.1 requests, for headers and bodies that a normal
 * client refuses to send (a foreign Host, invalid UTF-8, a lying Content-Length).
 */
public final class RawHttp {
  /** A parsed response: status code, raw head and body. */
  public record Response(int status, String head, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of the first header named {@code name}, or null. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private RawHttp() {
  }

  /** A request with the given head lines (no trailing blank line) and body. */
  public static Response send(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String fullHead = head + "\r\nConnection: close\r\n"
          + (body.length > 0 && !head.toLowerCase().contains("content-length")
              ? "Content-Length: " + body.length + "\r\n" : "")
          + "\r\n";
      out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  /** A GET with an explicit Host header. */
  public static Response get(int port, String path, String hostHeader) throws IOException {
    return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader, new byte[0]);
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    int status = head.startsWith("HTTP/1.1 ") && head.length() >= 12
        ? Integer.parseInt(head.substring(9, 12)) : -1;
    return new Response(status, head, dechunk(head, body));
  }

  private static byte[] dechunk(String head, byte[] body) {
    if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < body.length) {
      int lineEnd = indexOf(body, pos);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII)
          .split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      pos = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i + 1 < data.length; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
