package dev.taskhost.workspace;

import java.util.Arrays;

/**
 * A growable byte buffer for output that is ASCII by construction, as Python's ensure_ascii JSON
 * is. Writing bytes directly saves the two full copies that a StringBuilder, its String and the
 * String's bytes would make of every file and of the multi-megabyte task view.
 */
final class AsciiBuffer {
  private byte[] bytes;
  private int size;

  AsciiBuffer(int capacity) {
    bytes = new byte[Math.max(64, capacity)];
  }

  AsciiBuffer append(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
    return this;
  }

  AsciiBuffer append(String text) {
    return append(text, 0, text.length());
  }

  /** Appends {@code text[start, end)}, which must hold ASCII characters only. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies the low bytes, as wanted
  AsciiBuffer append(String text, int start, int end) {
    int length = end - start;
    ensure(length);
    text.getBytes(start, end, bytes, size);
    size += length;
    return this;
  }

  /** Appends {@code count} spaces. */
  AsciiBuffer appendSpaces(int count) {
    ensure(count);
    Arrays.fill(bytes, size, size + count, (byte) ' ');
    size += count;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int extra) {
    if (size + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
    }
  }
}
