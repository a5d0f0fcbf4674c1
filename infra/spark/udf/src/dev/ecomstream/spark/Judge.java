package dev.ecomstream.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's verdict on one raw record (events v1) in one strict parse: the same answers as
 * the TypeScript validator ({@code packages/contracts/src/validator.ts}) for the field table it is
 * given. Spark SQL calls it as {@code reflect('dev.ecomstream.spark.Judge', 'judge', text,
 * ingestMillis, rules)}, where {@code rules} is the field table as JSON (built from
 * {@code packages/contracts}, the one source of the rules).
 *
 * <p>The answer is {@code reason TAB field} for a rejected record (field empty for invalid_json),
 * or {@code TAB TAB micros} for a valid one, micros being event_ts as epoch microseconds.
 *
 * <p>"One JSON object" (reason invalid_json) is one strict parse of the whole text: exactly one
 * RFC 8259 JSON text after optional JSON whitespace, whose top level is an object, nothing but
 * whitespace after it, no duplicate keys at any level, no NaN or Infinity literals, no byte-order
 * mark, no lone UTF-16 surrogate in a string or key, nesting at most 1,000 levels, and Jackson's
 * default limits on number and key lengths. The top-level members' values are read in the same
 * pass.
 */
public final class Judge {
  private static final int MAX_DEPTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  private static final Map<String, Rules> RULES = new ConcurrentHashMap<>();

  /**
   * The rules of the last call: Spark hands every call a new copy of the same text, and comparing
   * it with the last one (a vectorised equals) is much cheaper than hashing it for the map.
   */
  private static volatile Rules last;

  private Judge() {}

  /** A top-level member's value: a string, a number (as a double), or another JSON value. */
  private static final class Value {
    final String text;
    final double number;
    final boolean isString;
    final boolean isNumber;
    final boolean isNull;

    Value(String text, double number, boolean isString, boolean isNumber, boolean isNull) {
      this.text = text;
      this.number = number;
      this.isString = isString;
      this.isNumber = isNumber;
      this.isNull = isNull;
    }
  }

  private static final Value OTHER = new Value(null, 0, false, false, false);
  private static final Value NULL = new Value(null, 0, false, false, true);

  /**
   * The verdict of {@code text} ingested at {@code ingestMillis} under {@code rulesJson}. A bad field
   * table fails loudly (it is the project's, checked when first read); a record never does: whatever
   * cannot be read as the contract's object is invalid_json, so one record never stops a query.
   */
  public static String judge(String text, long ingestMillis, String rulesJson) {
    Rules rules = last;
    if (rules == null || !rules.json.equals(rulesJson)) last = rules = RULES.computeIfAbsent(rulesJson, Rules::parse);
    try {
      return verdict(text, ingestMillis, rules);
    } catch (RuntimeException e) {
      return "invalid_json\t";
    }
  }

  private static String verdict(String text, long ingestMillis, Rules rules) {
    Map<String, Value> record = parse(text, rules.names);
    if (record == null) return "invalid_json\t";
    Value type = record.get("event_type");
    String eventType = type != null && type.isString && rules.eventTypes.contains(type.text) ? type.text : null;
    List<Field> fields = new ArrayList<>();
    for (Field f : rules.fields) if (f.requiredFor == null || (eventType != null && f.requiredFor.contains(eventType))) fields.add(f);
    Value ts = record.get("event_ts");
    long[] instant = ts != null && ts.isString ? parseEventTs(ts.text) : null;
    for (String reason : rules.reasons) {
      for (Field f : fields) {
        Value v = record.get(f.name);
        if (fails(reason, f, v, instant, ingestMillis, rules.maxFutureSkewMs)) return reason + "\t" + f.name;
      }
    }
    if (instant == null) return "invalid_timestamp\tevent_ts"; // the field table always judges event_ts
    return "\t\t" + (instant[0] * 1000 + instant[1]);
  }

  private static boolean fails(String reason, Field f, Value v, long[] instant, long ingestMs, long skewMs) {
    switch (reason) {
      case "missing_field":
        return v == null || v.isNull;
      case "invalid_type":
        if (f.type.equals("string")) return !v.isString;
        if (!v.isNumber) return true;
        // numbers beyond a double's range read as ±Infinity: no fraction, so integers
        return f.type.equals("integer") && Double.isFinite(v.number) && v.number != Math.rint(v.number);
      case "invalid_enum":
        if (f.kind.equals("enum")) return !f.values.contains(v.text);
        return f.kind.equals("country") && !isCountry(v.text);
      case "invalid_value":
        if (f.kind.equals("nonEmpty")) return v.text.isEmpty();
        if (!f.kind.equals("range")) return false;
        if (!Double.isFinite(v.number)) return true;
        if (f.minExclusive ? !(v.number > f.min) : !(v.number >= f.min)) return true;
        return f.hasMax && !(v.number <= f.max);
      case "invalid_timestamp":
        return f.kind.equals("timestamp") && instant == null;
      case "future_timestamp":
        if (!f.kind.equals("timestamp") || instant == null) return false;
        long diff = instant[0] - ingestMs;
        return diff > skewMs || (diff == skewMs && instant[1] > 0);
      case "unsupported_schema_version":
        return f.kind.equals("version") && v.number != f.equals;
      default:
        throw new IllegalArgumentException("the judge has no check for reason " + reason);
    }
  }

  private static boolean isCountry(String s) {
    return s.length() == 2 && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z' && s.charAt(1) >= 'A' && s.charAt(1) <= 'Z';
  }

  /** The top-level members named in {@code names}, or null when {@code text} is not one JSON object. */
  private static Map<String, Value> parse(String text, java.util.Set<String> names) {
    if (text == null || text.isEmpty() || text.charAt(0) == '\uFEFF') return null;
    Map<String, Value> members = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      int depth = 1;
      String member = null;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) return null;
        if (token == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          if (hasLoneSurrogate(name)) return null;
          if (depth == 1) member = name;
          continue;
        }
        boolean top = depth == 1 && member != null && names.contains(member);
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            if (top) members.put(member, OTHER);
            depth++;
            break;
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case VALUE_STRING:
            String s = parser.getText();
            if (hasLoneSurrogate(s)) return null;
            if (top) members.put(member, new Value(s, 0, true, false, false));
            break;
          case VALUE_NUMBER_INT:
          case VALUE_NUMBER_FLOAT:
            if (top) members.put(member, new Value(null, Double.parseDouble(parser.getText()), false, true, false));
            break;
          case VALUE_NULL:
            if (top) members.put(member, NULL);
            break;
          default:
            if (top) members.put(member, OTHER);
            break;
        }
      }
      return parser.nextToken() == null ? members : null;
    } catch (Exception e) {
      return null;
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

  private static int digits(String s, int from, int count) {
    int n = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * event_ts as {epoch millis, microseconds within the milli}: {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)},
   * ASCII digits, a real proleptic Gregorian date, hours 0-23, no leap second, offset at most
   * ±18:00; null otherwise.
   */
  static long[] parseEventTs(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
    int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
    int i = 19;
    String fraction = "";
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
      if (i - start < 1 || i - start > 9) return null;
      fraction = s.substring(start, i);
    }
    if (i >= n) return null;
    int offsetMinutes = 0;
    char zone = s.charAt(i);
    if (zone == 'Z') {
      if (i + 1 != n) return null;
    } else if (zone == '+' || zone == '-') {
      if (i + 6 != n || s.charAt(i + 3) != ':') return null;
      int offH = digits(s, i + 1, 2), offM = digits(s, i + 4, 2);
      if (offH < 0 || offM < 0 || offM > 59) return null;
      offsetMinutes = (offH * 60 + offM) * (zone == '-' ? -1 : 1);
      if (Math.abs(offsetMinutes) > 18 * 60) return null;
    } else {
      return null;
    }
    if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) return null;
    if (hour > 23 || minute > 59 || second > 59) return null;
    String micros = (fraction + "000000").substring(0, 6);
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long millis =
        ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + Integer.parseInt(micros.substring(0, 3))
            - offsetMinutes * 60_000L;
    return new long[] {millis, Integer.parseInt(micros.substring(3, 6))};
  }

  /** One field of the table. */
  private static final class Field {
    String name;
    String type;
    /** null: every event type. */
    java.util.Set<String> requiredFor;
    String kind;
    java.util.Set<String> values;
    double min;
    boolean minExclusive;
    boolean hasMax;
    double max;
    double equals;
  }

  /** The field table and the event types, as {@code packages/contracts} writes them for Spark. */
  private static final class Rules {
    final String json;
    final List<Field> fields = new ArrayList<>();
    final java.util.Set<String> names = new java.util.HashSet<>();
    final java.util.Set<String> eventTypes = new java.util.HashSet<>();
    /** The reasons after invalid_json, in the order they are tried. */
    final List<String> reasons = new ArrayList<>();
    long maxFutureSkewMs;

    Rules(String json) {
      this.json = json;
    }

    /**
     * {@code {"reasons":[...],"eventTypes":[...],"maxFutureSkewMs":n,"fields":[{"name","type","requiredFor":"all"|[...],
     * "rule":{"kind",...}}]}}: read with Jackson's streaming parser.
     */
    static Rules parse(String json) {
      Rules rules = new Rules(json);
      try (JsonParser p = new JsonFactory().createParser(json)) {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (key.equals("reasons")) rules.reasons.addAll(strings(p));
          else if (key.equals("eventTypes")) rules.eventTypes.addAll(strings(p));
          else if (key.equals("maxFutureSkewMs")) rules.maxFutureSkewMs = p.getLongValue();
          else if (key.equals("fields")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Field f = field(p);
              rules.fields.add(f);
              rules.names.add(f.name);
            }
          } else p.skipChildren();
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("bad field table: " + e.getMessage(), e);
      }
      rules.names.add("event_type");
      rules.names.add("event_ts");
      rules.check();
      return rules;
    }

    private static final java.util.Set<String> CHECKS =
        java.util.Set.of(
            "missing_field",
            "invalid_type",
            "invalid_enum",
            "invalid_value",
            "invalid_timestamp",
            "future_timestamp",
            "unsupported_schema_version");

    /** Every reason has a check, every field a name, a JSON type and a rule kind. */
    private void check() {
      if (reasons.isEmpty()) throw new IllegalArgumentException("bad field table: no reasons");
      for (String reason : reasons)
        if (!CHECKS.contains(reason)) throw new IllegalArgumentException("bad field table: no check for reason " + reason);
      for (Field f : fields) {
        if (f.name == null || f.type == null || f.kind == null)
          throw new IllegalArgumentException("bad field table: a field lacks its name, type or rule kind");
        if (f.kind.equals("enum") && f.values == null)
          throw new IllegalArgumentException("bad field table: enum field " + f.name + " has no values");
      }
    }

    private static Field field(JsonParser p) throws java.io.IOException {
      Field f = new Field();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "name":
            f.name = p.getText();
            break;
          case "type":
            f.type = p.getText();
            break;
          case "requiredFor":
            f.requiredFor = t == JsonToken.START_ARRAY ? new java.util.HashSet<>(strings(p)) : null;
            break;
          case "rule":
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String r = p.currentName();
              p.nextToken();
              if (r.equals("kind")) f.kind = p.getText();
              else if (r.equals("values")) f.values = new java.util.HashSet<>(strings(p));
              else if (r.equals("min")) f.min = p.getDoubleValue();
              else if (r.equals("minExclusive")) f.minExclusive = p.getBooleanValue();
              else if (r.equals("max")) {
                f.hasMax = true;
                f.max = p.getDoubleValue();
              } else if (r.equals("equals")) f.equals = p.getDoubleValue();
              else p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      return f;
    }

    private static List<String> strings(JsonParser p) throws java.io.IOException {
      List<String> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.VALUE_STRING) out.add(p.getText());
      return out;
    }

    private static void expect(JsonToken got, JsonToken wanted) {
      if (got != wanted) throw new IllegalArgumentException("bad field table: expected " + wanted + ", got " + got);
    }
  }
}
