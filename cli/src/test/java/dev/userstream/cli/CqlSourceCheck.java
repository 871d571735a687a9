package dev.userstream.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static check of Java source for CQL that carries values in its text instead of bind markers.
 *
 * <p>The source is tokenised (comments, strings and text blocks understood), string literals are
 * grouped with the operands they are concatenated with ({@code "..." + expr + "..."}, and {@code
 * .append("...").append(expr)}), and three rules apply:
 *
 * <ol>
 *   <li><b>concatenated value</b>: a CQL fragment ending where a value goes ({@code =}, {@code <},
 *       {@code >}, {@code IN (}, {@code VALUES (}, {@code LIMIT}, {@code TTL}, an opening quote)
 *       followed by a non-literal operand;
 *   <li><b>formatted value</b>: a CQL format string with {@code %s}/{@code %d} in such a place;
 *   <li><b>inlined value</b>: a SELECT/INSERT/UPDATE/DELETE whose text compares or inserts a
 *       literal ({@code = 'x'}, {@code = 42}, {@code VALUES ('x')}).
 * </ol>
 *
 * <p>Identifiers may be concatenated (CQL cannot bind a keyspace or table name; common-model
 * validates them). A fragment is CQL when its concatenation starts like a CQL statement or when it
 * holds an upper-case clause keyword (WHERE, SET, VALUES, AND, IN, IF, USING, LIMIT). A deliberate
 * exception carries a comment {@code cql-safe: <why>} on the literal's line or the line before; a
 * marker that excuses nothing is itself reported. Limits: a value appended in a later statement
 * ({@code cql += id}) is not seen.
 */
final class CqlSourceCheck {
  /** One finding: where, which rule, and the CQL text around it. */
  record Violation(String file, int line, String rule, String cql) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + rule + ": " + cql;
    }
  }

  static final String MARKER = "cql-safe:";

  private static final Pattern CQL_START =
      Pattern.compile(
          "(?is)^\\s*(SELECT\\s.+?\\sFROM\\b|INSERT\\s+INTO\\b|UPDATE\\s+\\S+\\s+(USING\\b.*?)?SET\\b"
              + "|DELETE\\b.*?\\bFROM\\b|(CREATE|ALTER|DROP)\\s+(TABLE|KEYSPACE|ROLE|USER|INDEX"
              + "|TYPE|MATERIALIZED|FUNCTION|AGGREGATE|TRIGGER|CUSTOM)\\b|TRUNCATE\\b|GRANT\\b"
              + "|REVOKE\\b|BEGIN\\s+(UNLOGGED\\s+|COUNTER\\s+)?BATCH\\b)");
  private static final Pattern DML = Pattern.compile("(?is)^\\s*(SELECT|INSERT|UPDATE|DELETE)\\b");
  private static final Pattern CLAUSE_KEYWORD =
      Pattern.compile("\\b(WHERE|SET|VALUES|AND|IN|IF|USING|LIMIT)\\b");
  private static final Pattern VALUE_TAIL =
      Pattern.compile(
          "(?is)(=|<|>|\\bIN\\s*\\(?|\\bVALUES\\s*\\(?|\\bLIMIT|\\bTTL|\\bTIMESTAMP"
              + "|\\bCONTAINS(\\s+KEY)?|')\\s*$");
  private static final Pattern VALUE_FORMAT =
      Pattern.compile(
          "(?is)(=|<|>|\\bIN\\s*\\(|\\bVALUES\\s*\\(|\\bLIMIT|\\bTTL|')\\s*%(\\d+\\$)?[sdfx]");
  private static final Pattern INLINED_VALUE =
      // A quote opening a hole or a format specifier is the other two rules' finding.
      Pattern.compile(
          "(?is)(=|<|>|\\bIN\\s*\\(|\\bVALUES\\s*\\()\\s*('(?![\u0001%])|-?\\d|true\\b|false\\b)");

  /** Stands for a non-literal operand in the text of a concatenation. */
  private static final String HOLE = "\u0001";

  private CqlSourceCheck() {}

  /** The violations of one source file (exempted ones left out, stale markers reported). */
  static List<Violation> check(String file, String source) {
    List<Token> tokens = new Lexer(source).tokens();
    List<Comment> markers = new ArrayList<>();
    List<Token> code = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.COMMENT) {
        int at = t.text.indexOf(MARKER);
        if (at >= 0) {
          // A marker may go on over the following comment lines: it covers the line after them.
          int last = t.line;
          for (int j = i + 1;
              j < tokens.size()
                  && tokens.get(j).kind == Kind.COMMENT
                  && tokens.get(j).line == last + 1;
              j++) {
            last++;
          }
          markers.add(new Comment(t.line, last, t.text.substring(at + MARKER.length()).strip()));
        }
      } else {
        code.add(t);
      }
    }
    List<Violation> found = new ArrayList<>();
    boolean[] used = new boolean[markers.size()];
    boolean[] seen = new boolean[code.size()];
    for (int i = 0; i < code.size(); i++) {
      if (code.get(i).kind != Kind.STRING || seen[i]) {
        continue;
      }
      List<Part> chain = chain(code, i, seen);
      for (Violation v : rules(file, chain)) {
        int marker = markerFor(markers, v.line());
        if (marker < 0) {
          found.add(v);
        } else {
          used[marker] = true;
        }
      }
    }
    for (int m = 0; m < markers.size(); m++) {
      Comment marker = markers.get(m);
      if (marker.reason.length() < 10) {
        found.add(new Violation(file, marker.line, "cql-safe marker without a reason", ""));
      } else if (!used[m]) {
        found.add(new Violation(file, marker.line, "cql-safe marker that excuses nothing", ""));
      }
    }
    return found;
  }

  /** The rules on one concatenation. */
  private static List<Violation> rules(String file, List<Part> chain) {
    StringBuilder joined = new StringBuilder();
    for (Part part : chain) {
      joined.append(part.literal ? part.text : HOLE);
    }
    String text = joined.toString();
    String shown = text.replace(HOLE, "<expr>").replaceAll("\\s+", " ").strip();
    boolean statement = CQL_START.matcher(text).find();
    int line = chain.get(0).line;
    List<Violation> v = new ArrayList<>();
    for (int p = 0; p + 1 < chain.size(); p++) {
      Part literal = chain.get(p);
      boolean cql = statement || CLAUSE_KEYWORD.matcher(literal.text).find();
      if (literal.literal && !chain.get(p + 1).literal && cql) {
        Matcher tail = VALUE_TAIL.matcher(literal.text);
        if (tail.find()) {
          v.add(
              new Violation(
                  file,
                  literal.line,
                  "value concatenated into CQL after '" + tail.group().strip() + "'",
                  shown));
        }
      }
    }
    if (statement || CLAUSE_KEYWORD.matcher(text).find()) {
      if (VALUE_FORMAT.matcher(text).find()) {
        v.add(new Violation(file, line, "value formatted into CQL", shown));
      }
    }
    if (DML.matcher(text).find()) {
      Matcher inlined = INLINED_VALUE.matcher(text);
      if (inlined.find()) {
        v.add(
            new Violation(file, line, "value inlined in CQL at '" + inlined.group() + "'", shown));
      }
    }
    return v;
  }

  private static int markerFor(List<Comment> markers, int line) {
    for (int m = 0; m < markers.size(); m++) {
      Comment marker = markers.get(m);
      if (marker.line == line || marker.lastLine == line - 1) {
        return m;
      }
    }
    return -1;
  }

  /**
   * The concatenation that the string at {@code start} belongs to, from there on: literals, and
   * operands between them (a {@code .append(...)} chain counts as concatenation).
   */
  private static List<Part> chain(List<Token> code, int start, boolean[] seen) {
    List<Part> parts = new ArrayList<>();
    int i = start;
    while (true) {
      Token t = code.get(i);
      if (t.kind == Kind.STRING) {
        seen[i] = true;
        parts.add(new Part(true, t.text, t.line));
        i++;
      } else {
        int end = operandEnd(code, i);
        parts.add(new Part(false, "", t.line));
        i = end;
      }
      if (i < code.size() && code.get(i).is("+")) {
        i++;
      } else if (appendFollows(code, i)) {
        i += 4; // ) . append (
      } else {
        return parts;
      }
      if (i >= code.size()) {
        return parts;
      }
    }
  }

  /** {@code ) . append (} after an argument of append: the chain goes on with its argument. */
  private static boolean appendFollows(List<Token> code, int i) {
    return i + 3 < code.size()
        && code.get(i).is(")")
        && code.get(i + 1).is(".")
        && code.get(i + 2).is("append")
        && code.get(i + 3).is("(");
  }

  /** The index after one operand: up to a top-level +, comma, closing bracket or semicolon. */
  private static int operandEnd(List<Token> code, int i) {
    int depth = 0;
    for (; i < code.size(); i++) {
      Token t = code.get(i);
      if (t.is("(") || t.is("[") || t.is("{")) {
        depth++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (depth == 0 && (t.is("+") || t.is(",") || t.is(";") || t.is("?") || t.is(":"))) {
        return i;
      }
    }
    return i;
  }

  private record Part(boolean literal, String text, int line) {}

  private record Comment(int line, int lastLine, String reason) {}

  private enum Kind {
    STRING,
    COMMENT,
    OTHER
  }

  private record Token(Kind kind, String text, int line) {
    boolean is(String s) {
      return kind == Kind.OTHER && text.equals(s);
    }
  }

  /** Just enough of Java's lexical grammar: comments, strings, text blocks, chars, words. */
  private static final class Lexer {
    private final String s;
    private int pos;
    private int line = 1;

    Lexer(String source) {
      this.s = source;
    }

    List<Token> tokens() {
      List<Token> out = new ArrayList<>();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        int at = line;
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (s.startsWith("//", pos)) {
          int end = s.indexOf('\n', pos);
          end = end < 0 ? s.length() : end;
          out.add(new Token(Kind.COMMENT, s.substring(pos, end), at));
          pos = end;
        } else if (s.startsWith("/*", pos)) {
          int end = s.indexOf("*/", pos + 2);
          end = end < 0 ? s.length() : end + 2;
          String text = s.substring(pos, end);
          out.add(new Token(Kind.COMMENT, text, at));
          line += (int) text.chars().filter(ch -> ch == '\n').count();
          pos = end;
        } else if (s.startsWith("\"\"\"", pos)) {
          out.add(new Token(Kind.STRING, quoted("\"\"\""), at));
        } else if (c == '"') {
          out.add(new Token(Kind.STRING, quoted("\""), at));
        } else if (c == '\'') {
          out.add(new Token(Kind.OTHER, quoted("'"), at));
        } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
          int start = pos;
          while (pos < s.length()
              && (Character.isJavaIdentifierPart(s.charAt(pos)) || s.charAt(pos) == '.')
              && !(s.charAt(pos) == '.' && !Character.isDigit(s.charAt(start)))) {
            pos++;
          }
          out.add(new Token(Kind.OTHER, s.substring(start, pos), at));
        } else if (s.startsWith("+=", pos) || s.startsWith("++", pos)) {
          out.add(new Token(Kind.OTHER, s.substring(pos, pos + 2), at));
          pos += 2;
        } else {
          out.add(new Token(Kind.OTHER, String.valueOf(c), at));
          pos++;
        }
      }
      return out;
    }

    /** The content of a literal opened by {@code delimiter} at pos, escapes decoded. */
    private String quoted(String delimiter) {
      pos += delimiter.length();
      StringBuilder text = new StringBuilder();
      while (pos < s.length() && !s.startsWith(delimiter, pos)) {
        char c = s.charAt(pos++);
        if (c == '\n') {
          line++;
        }
        if (c == '\\' && pos < s.length()) {
          char e = s.charAt(pos++);
          text.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> e;
              });
        } else {
          text.append(c);
        }
      }
      pos += delimiter.length();
      return text.toString();
    }
  }
}
