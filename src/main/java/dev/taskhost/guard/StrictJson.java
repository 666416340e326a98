package dev.taskhost.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader for the start path of {@code run}, which
 * must reach the lock without loading Jackson's several hundred classes.
 *
 * <p>It rejects what the config parser's Jackson mapper rejects by default:
 * comments, trailing commas, single quotes, leading zeros, control characters in
 * strings, duplicate keys in an object and anything after the top-level value. A
 * UTF-8 byte order mark is skipped. Objects become {@link LinkedHashMap}s in file
 * order, arrays {@link List}s, numbers {@link Long} when integral and in range,
 * else {@link Double}.
 */
public final class StrictJson {
  private final String text;
  private int position;

  private StrictJson(String text) {
    this.text = text;
  }

  /**
   * Parses {@code content} as UTF-8 JSON.
   *
   * @throws IllegalArgumentException when it is not one valid JSON value
   */
  public static Object parse(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    StrictJson reader = new StrictJson(text.startsWith("\uFEFF") ? text.substring(1) : text);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.position != reader.text.length()) {
      throw reader.error("trailing content");
    }
    return value;
  }

  private Object value() {
    if (position >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (consume('}')) {
      return members;
    }
    do {
      skipWhitespace();
      if (position >= text.length() || text.charAt(position) != '"') {
        throw error("expected a quoted key");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object member = value();
      if (members.containsKey(key)) {
        throw error("duplicate key \"" + key + "\"");
      }
      members.put(key, member);
      skipWhitespace();
    } while (consume(','));
    expect('}');
    return members;
  }

  private List<Object> array() {
    List<Object> items = new ArrayList<>();
    position++;
    skipWhitespace();
    if (consume(']')) {
      return items;
    }
    do {
      skipWhitespace();
      items.add(value());
      skipWhitespace();
    } while (consume(','));
    expect(']');
    return items;
  }

  private String string() {
    position++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(position++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (position >= text.length()) {
        throw error("unterminated escape");
      }
      char escape = text.charAt(position++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> throw error("invalid escape \\" + escape);
      }
    }
  }

  private char unicodeEscape() {
    if (position + 4 > text.length()) {
      throw error("short \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(position++), 16);
      if (digit < 0) {
        throw error("invalid \\u escape");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  private Object number() {
    int start = position;
    consume('-');
    if (consume('0')) {
      if (position < text.length() && isDigit(text.charAt(position))) {
        throw error("leading zero in a number");
      }
    } else {
      digits();
    }
    boolean integral = true;
    if (consume('.')) {
      integral = false;
      digits();
    }
    if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
      integral = false;
      position++;
      if (!consume('+')) {
        consume('-');
      }
      digits();
    }
    String literal = text.substring(start, position);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        // Too large for a long: fall through to a double, as the value is only read.
      }
    }
    return Double.parseDouble(literal);
  }

  private void digits() {
    int start = position;
    while (position < text.length() && isDigit(text.charAt(position))) {
      position++;
    }
    if (position == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("unexpected token");
    }
    position += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private boolean consume(char expected) {
    if (position < text.length() && text.charAt(position) == expected) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(char expected) {
    if (!consume(expected)) {
      throw error("expected '" + expected + "'");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException error(String reason) {
    return new IllegalArgumentException("invalid JSON at offset " + position + ": " + reason);
  }
}
