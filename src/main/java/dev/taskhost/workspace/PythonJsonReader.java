package dev.taskhost.workspace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON bytes the way Python's {@code json.loads(bytes)} does, into trees of {@link
 * LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long}, {@link java.math.BigInteger},
 * {@link Double}, {@link Boolean} and null.
 *
 * <p>Where Jackson's defaults differ from Python, Python wins: the bytes must be strict UTF-8 (a
 * leading BOM is dropped), {@code NaN}, {@code Infinity} and {@code -Infinity} are numbers, a
 * repeated key keeps its first position and its last value (as a Python dict does), integers of any
 * size stay exact, and text after the document is an error. Nesting deeper than {@value #MAX_DEPTH}
 * is an error, where Python raises {@code RecursionError}.
 */
final class PythonJsonReader {
  static final int MAX_DEPTH = 1000;

  // NOTE: Jackson also accepts "+Infinity", "INF" and "+INF", which Python rejects.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(5_000)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private PythonJsonReader() {}

  /** Parses a whole document. */
  static Object parse(byte[] bytes) throws JsonFormatException {
    char[] text = decodeUtf8(bytes);
    int start = text.length > 0 && text[0] == '\uFEFF' ? 1 : 0;
    try (JsonParser parser = FACTORY.createParser(text, start, text.length - start)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonFormatException("no JSON value (the file is empty or only whitespace)");
      }
      Object root = readValue(parser);
      if (parser.nextToken() != null) {
        throw new JsonFormatException(
            "extra data after the JSON value " + where(parser.currentTokenLocation()));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new JsonFormatException(e.getOriginalMessage() + " " + where(e.getLocation()));
    } catch (IOException e) {
      throw new JsonFormatException(String.valueOf(e.getMessage()));
    }
  }

  // NOTE: Python decodes with "surrogatepass", so it also accepts surrogates encoded as UTF-8
  // bytes (ED A0 80 to ED BF BF). This strict decoder rejects them as invalid UTF-8.
  private static char[] decodeUtf8(byte[] bytes) throws JsonFormatException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      CharBuffer out = decoder.decode(in);
      char[] chars = new char[out.remaining()];
      out.get(chars);
      return chars;
    } catch (CharacterCodingException e) {
      // decode() leaves the buffer at the start of the bad sequence.
      throw new JsonFormatException(
          "invalid UTF-8 at byte "
              + in.position()
              + (in.position() >= bytes.length - 3 ? " (the file looks truncated)" : ""));
    }
  }

  /** Builds the value at the current token without recursion, so depth costs no stack. */
  private static Object readValue(JsonParser parser) throws IOException {
    Deque<Object> containers = new ArrayDeque<>();
    Deque<String> keys = new ArrayDeque<>();
    JsonToken token = parser.currentToken();
    while (true) {
      Object value;
      switch (token) {
        case START_OBJECT -> {
          containers.push(new LinkedHashMap<String, Object>());
          token = parser.nextToken();
          continue;
        }
        case START_ARRAY -> {
          containers.push(new ArrayList<>());
          token = parser.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          keys.push(parser.currentName());
          token = parser.nextToken();
          continue;
        }
        case END_OBJECT, END_ARRAY -> value = containers.pop();
        case VALUE_STRING -> value = parser.getText();
        case VALUE_NUMBER_INT -> value = integer(parser);
        case VALUE_NUMBER_FLOAT -> value = parser.getDoubleValue();
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = null;
        default -> throw new IOException("unexpected token " + token);
      }
      if (containers.isEmpty()) {
        return value;
      }
      add(containers.peek(), keys, value);
      token = parser.nextToken();
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Object container, Deque<String> keys, Object value) {
    if (container instanceof Map<?, ?> map) {
      // put() keeps the first position of a repeated key and stores the last value.
      ((Map<String, Object>) map).put(keys.pop(), value);
    } else {
      ((List<Object>) container).add(value);
    }
  }

  private static Object integer(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT, LONG -> parser.getLongValue();
      default -> parser.getBigIntegerValue();
    };
  }

  private static String where(JsonLocation location) {
    if (location == null) {
      return "";
    }
    return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
