package dev.ecomstream.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The contract's test of "a JSON object" (events v1, reason invalid_json), which Spark SQL has no
 * function for: Spark's JSON readers stop after the first value and ignore what follows it.
 *
 * <p>One strict parse of the whole text: exactly one RFC 8259 JSON text after optional JSON
 * whitespace, whose top level is an object, nothing but whitespace after it, no duplicate keys at
 * any level, no NaN or Infinity literals, no byte-order mark, no lone UTF-16 surrogate in a string
 * or key, nesting at most 1,000 levels, and Jackson's default limits on number and key lengths.
 * Spark SQL calls it as {@code reflect('dev.ecomstream.spark.StrictJson', 'isObject', text)}.
 */
public final class StrictJson {
  private static final int MAX_DEPTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  private StrictJson() {}

  /** True when {@code text} is exactly one JSON object as the contract defines it. */
  public static boolean isObject(String text) {
    if (text == null || text.isEmpty() || text.charAt(0) == '\uFEFF') return false;
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return false;
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) return false;
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            depth++;
            break;
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case FIELD_NAME:
          case VALUE_STRING:
            if (hasLoneSurrogate(parser.getText())) return false;
            break;
          default:
            break;
        }
      }
      return parser.nextToken() == null;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return true;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
