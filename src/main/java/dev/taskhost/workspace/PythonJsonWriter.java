package dev.taskhost.workspace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes trees from {@link PythonJsonReader} byte for byte as Python's {@code json} module does,
 * with {@code ensure_ascii=True}.
 *
 * <p>Jackson's pretty printer cannot do this: it writes {@code " : "} between key and value, puts a
 * space inside empty containers, leaves non-ASCII characters raw unless asked and then escapes them
 * in upper case, escapes different control characters, and formats doubles the Java way ({@code
 * 1.0E-5} where Python writes {@code 1e-05}). The other tools that write the workspace use Python,
 * so files must stay diff-identical to what they write.
 */
final class PythonJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final AsciiBuffer out = new AsciiBuffer(8192);
  private final boolean indent;
  private final boolean nonFiniteAsNull;

  private PythonJsonWriter(boolean indent, boolean nonFiniteAsNull) {
    this.indent = indent;
    this.nonFiniteAsNull = nonFiniteAsNull;
  }

  /** Serialises as {@code json.dump(value, f, indent=2)} does: no trailing newline. */
  static byte[] dumpIndented(Object value) {
    PythonJsonWriter writer = new PythonJsonWriter(true, false);
    writer.write(value, 0);
    return writer.out.toByteArray();
  }

  /**
   * Returns what {@link #dumpIndented} gives for {@code list} followed by {@code items}, given the
   * bytes it gave for {@code list} alone. Only the new items are serialised, so appending to the
   * long notes queue costs a copy of its bytes instead of a full serialisation. Python indents an
   * element one level deeper than the list, and escapes every newline inside strings, so shifting
   * each line of the element's own output by two spaces gives the same bytes.
   *
   * @return null when {@code indentedList} is not a non-empty list in that form
   */
  static byte[] appendToIndentedList(byte[] indentedList, List<?> items) {
    int length = indentedList.length;
    boolean nonEmptyList =
        length > 3
            && indentedList[0] == '['
            && indentedList[1] == '\n'
            && indentedList[length - 2] == '\n'
            && indentedList[length - 1] == ']';
    if (!nonEmptyList) {
      return null;
    }
    StringBuilder tail = new StringBuilder();
    for (Object item : items) {
      String element = new String(dumpIndented(item), StandardCharsets.US_ASCII);
      tail.append(",\n  ").append(element.replace("\n", "\n  "));
    }
    tail.append("\n]");
    byte[] tailBytes = tail.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] result = java.util.Arrays.copyOf(indentedList, length - 2 + tailBytes.length);
    System.arraycopy(tailBytes, 0, result, length - 2, tailBytes.length);
    return result;
  }

  /**
   * Serialises as {@code json.dumps(value)} does, except that NaN and infinities become {@code
   * null}: a browser's {@code JSON.parse} rejects Python's {@code NaN} and would lose the whole
   * response for one odd number.
   */
  static byte[] dumpForHttp(Object value) {
    PythonJsonWriter writer = new PythonJsonWriter(false, true);
    writer.write(value, 0);
    return writer.out.toByteArray();
  }

  private void write(Object value, int level) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      writeString(text);
    } else if (value instanceof Boolean flag) {
      out.append(flag ? "true" : "false");
    } else if (value instanceof Double || value instanceof Float) {
      writeFloat(((Number) value).doubleValue());
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value.toString());
    } else if (value instanceof BigDecimal decimal) {
      writeFloat(decimal.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, level);
    } else if (value instanceof List<?> list) {
      writeArray(list, level);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private void writeFloat(double number) {
    if (nonFiniteAsNull && (Double.isNaN(number) || Double.isInfinite(number))) {
      out.append("null");
    } else {
      out.append(PythonFloats.repr(number));
    }
  }

  private void writeObject(Map<?, ?> map, int level) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      newline(level + 1);
      writeString(String.valueOf(entry.getKey()));
      out.append(": ");
      write(entry.getValue(), level + 1);
      if (entries.hasNext()) {
        separator();
      }
    }
    newline(level);
    out.append('}');
  }

  private void writeArray(List<?> list, int level) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      newline(level + 1);
      write(list.get(i), level + 1);
      if (i < list.size() - 1) {
        separator();
      }
    }
    newline(level);
    out.append(']');
  }

  /** With indent Python separates items with "," and a newline, else with ", ". */
  private void separator() {
    out.append(indent ? "," : ", ");
  }

  private void newline(int level) {
    if (indent) {
      out.append('\n');
      out.appendSpaces(2 * level);
    }
  }

  /**
   * Escapes as Python's {@code py_encode_basestring_ascii}: everything outside space..~ is escaped.
   */
  private void writeString(String text) {
    out.append('"');
    int plainStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
        continue;
      }
      // Runs of characters that need no escape are copied in one call: most text is plain.
      out.append(text, plainStart, i);
      plainStart = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default ->
            // Java strings are UTF-16, so characters above U+FFFF are already
            // surrogate pairs, and a lone surrogate is written as Python writes it.
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
      }
    }
    out.append(text, plainStart, text.length());
    out.append('"');
  }
}
