package dev.taskhost.workspace;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/**
 * Formats doubles as Python's {@code repr(float)} does, which is what {@code json.dump} writes.
 *
 * <p>The digits are the shortest that read back to the same double. They come from Jackson's
 * Schubfach {@link DoubleToDecimal} because Java 17's {@code Double.toString} sometimes gives more
 * digits than needed (fixed in JDK 19). Python then writes plain notation when the decimal exponent
 * is between -4 and 16 and scientific notation with a signed exponent of at least two digits
 * otherwise: {@code 0.0001}, {@code 1e-05}, {@code 1000000000000000.0}, {@code 1e+16}.
 */
final class PythonFloats {
  private PythonFloats() {}

  /**
   * Returns {@code repr(value)}, with {@code NaN}, {@code Infinity} and {@code -Infinity} as
   * json.dump writes them.
   */
  static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
    }
    String java = DoubleToDecimal.toString(Math.abs(value));
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    // The value is 0.<digits> times 10^point, as in Python's float formatting code.
    int point = dot + exponent;

    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
      point--;
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(lead, end);
    if (digits.length() == 2) {
      String single = oneDigit(Math.abs(value), digits, point);
      if (single != null) {
        point += single.length() - 1;
        digits = single.substring(0, 1);
      }
    }

    StringBuilder out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    if (point > -4 && point <= 16) {
      appendPlain(out, digits, point);
    } else {
      appendScientific(out, digits, point - 1);
    }
    return out.toString();
  }

  /**
   * Returns a one-digit form of a two-digit result that still reads back as {@code value}, or null.
   * Java's algorithm never returns fewer than two digits (4.9E-324 for the smallest subnormal),
   * while Python returns the shortest (5e-324). The result is "d" or "10" (one digit at the next
   * power of ten), and the nearer of two candidates wins, as in Python.
   */
  private static String oneDigit(double value, String digits, int point) {
    int first = digits.charAt(0) - '0';
    String best = null;
    BigDecimal exact = new BigDecimal(value);
    BigDecimal bestDistance = null;
    for (int candidate : new int[] {first, first + 1}) {
      BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(point - 1);
      if (candidate == 0 || decimal.doubleValue() != value) {
        continue;
      }
      BigDecimal distance = decimal.subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        bestDistance = distance;
        best = Integer.toString(candidate);
      }
    }
    return best;
  }

  private static void appendPlain(StringBuilder out, String digits, int point) {
    if (point <= 0) {
      out.append("0.");
      out.append("0".repeat(-point));
      out.append(digits);
    } else if (point >= digits.length()) {
      out.append(digits);
      out.append("0".repeat(point - digits.length()));
      out.append(".0");
    } else {
      out.append(digits, 0, point);
      out.append('.');
      out.append(digits, point, digits.length());
    }
  }

  private static void appendScientific(StringBuilder out, String digits, int exponent) {
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.');
      out.append(digits, 1, digits.length());
    }
    out.append('e');
    out.append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    out.append(magnitude);
  }
}
