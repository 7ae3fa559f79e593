package dev.accountadmin.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a set of bundles (locale → key → ICU pattern) against English, the reference. Each check
 * returns its problems as readable lines ({@code "ro step.X.DONE: ..."}); none means clean. It
 * takes bundle contents rather than files so that {@code BundleLintFaultTest} can prove each check
 * catches the fault it is for.
 */
final class BundleLint {

  /** Numbers every numeric argument is rendered with: they hit every CLDR category we ship. */
  static final List<Long> SAMPLE_NUMBERS = List.of(0L, 1L, 2L, 21L, 101L, 120L, 1_000L, 1_000_000L);

  /** Values that are the same in every language: product and protocol names. */
  static final Set<String> SAME_IN_EVERY_LANGUAGE =
      Set.of("POP3", "IMAP", "MAPI", "Exchange ActiveSync", "Exchange Web Services");

  /** A count argument must always go through a plural, whatever the locale. */
  private static final Pattern COUNT_NAME = Pattern.compile("(?i).*count");

  /** French typography: a no-break space (U+00A0 or U+202F) before : ; ? ! */
  private static final Pattern FRENCH_PUNCTUATION = Pattern.compile("[^\\u00A0\\u202F][:;?!]");

  /**
   * French words that elide before a vowel, right before a user name: "de alex@…" should read
   * "d’alex@…", "que alex@…" "qu’alex@…"; no message can know, so it avoids the construction.
   */
  private static final Pattern FRENCH_ELISION_BEFORE_USER =
      Pattern.compile("(?i)\\b(de|que|le|la|je|me|te|se|ne|ce|jusque|lorsque|puisque) \\{(user|actor|target)\\}");

  /** Romanian ş ţ with a cedilla are the wrong letters; the language uses ș ț (comma below). */
  private static final Pattern ROMANIAN_CEDILLA = Pattern.compile("[\\u015E\\u015F\\u0162\\u0163]");

  private final Map<Locale, Map<String, String>> bundles;
  private final Map<String, String> english;

  /** What an argument is used as, which decides the sample value the render check passes. */
  enum Kind {
    NUMBER,
    DATE,
    SELECT,
    TEXT
  }

  /** One occurrence of an argument in a pattern. */
  record Argument(String name, MessagePattern.ArgType type, Kind kind, boolean nested, Set<String> selectors) {}

  BundleLint(Map<Locale, Map<String, String>> bundles) {
    this.bundles = bundles;
    this.english = bundles.get(Locale.ENGLISH);
    if (english == null) {
      throw new IllegalArgumentException("no English bundle to compare with");
    }
  }

  /** Every English key exists in every locale, and no locale has a key English lacks. */
  List<String> keys() {
    List<String> problems = new ArrayList<>();
    bundles.forEach(
        (locale, bundle) -> {
          for (String key : new TreeSet<>(english.keySet())) {
            if (!bundle.containsKey(key)) {
              problems.add(locale + " " + key + ": missing");
            }
          }
          for (String key : new TreeSet<>(bundle.keySet())) {
            if (!english.containsKey(key)) {
              problems.add(locale + " " + key + ": not in English");
            }
          }
        });
    return problems;
  }

  /** Every pattern compiles with ICU4J. */
  List<String> compile() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          try {
            new MessageFormat(pattern, ULocale.forLocale(locale));
          } catch (IllegalArgumentException e) {
            problems.add(locale + " " + key + ": does not compile: " + e.getMessage());
          }
        });
  }

  /**
   * Each pattern uses the same argument names, each as the same kind (number, date, text), as
   * English; counts go through a plural; dates and times are not nested in a plural or select
   * (Messages can set the reader's zone on top-level formats only).
   */
  List<String> arguments() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          List<Argument> args = arguments(pattern);
          String englishPattern = english.get(key);
          if (englishPattern != null && !locale.equals(Locale.ENGLISH)) {
            Map<String, Kind> expected = kinds(arguments(englishPattern));
            Map<String, Kind> actual = kinds(args);
            if (!expected.keySet().equals(actual.keySet())) {
              problems.add(
                  locale + " " + key + ": arguments " + new TreeSet<>(actual.keySet())
                      + " differ from English " + new TreeSet<>(expected.keySet()));
            } else if (!expected.equals(actual)) {
              problems.add(locale + " " + key + ": argument kinds " + actual + " differ from English " + expected);
            }
          }
          for (Argument arg : args) {
            if (COUNT_NAME.matcher(arg.name()).matches()
                && arg.type() != MessagePattern.ArgType.PLURAL) {
              problems.add(locale + " " + key + ": count {" + arg.name() + "} is not a plural");
            }
            if (arg.kind() == Kind.DATE && arg.nested()) {
              problems.add(locale + " " + key + ": date/time {" + arg.name() + "} is nested in a plural or select");
            }
          }
        });
  }

  /**
   * Every plural argument has exactly the locale's CLDR cardinal categories (every selectordinal
   * its ordinal ones), {@code other} included; explicit {@code =N} selectors may come in addition.
   */
  List<String> plurals() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          for (Argument arg : arguments(pattern)) {
            PluralRules.PluralType pluralType =
                switch (arg.type()) {
                  case PLURAL -> PluralRules.PluralType.CARDINAL;
                  case SELECTORDINAL -> PluralRules.PluralType.ORDINAL;
                  default -> null;
                };
            if (pluralType == null) {
              continue;
            }
            Set<String> expected =
                new TreeSet<>(PluralRules.forLocale(ULocale.forLocale(locale), pluralType).getKeywords());
            Set<String> actual = new TreeSet<>();
            for (String selector : arg.selectors()) {
              if (!selector.startsWith("=")) {
                actual.add(selector);
              }
            }
            if (!actual.equals(expected)) {
              problems.add(
                  locale + " " + key + ": {" + arg.name() + "} has categories " + actual
                      + ", CLDR wants " + expected);
            }
          }
        });
  }

  /**
   * No ASCII apostrophe right before a brace (ICU would quote the argument away); none at all in
   * French, which uses ’; French no-break spaces before : ; ? !, and no elidable word before a user
   * name; Romanian comma-below letters.
   */
  List<String> typography() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          if (pattern.contains("'{") || pattern.contains("'}")) {
            problems.add(locale + " " + key + ": ASCII apostrophe before a brace starts an ICU quote");
          }
          String language = locale.getLanguage();
          if (language.equals("fr")) {
            if (pattern.indexOf('\'') >= 0) {
              problems.add(locale + " " + key + ": ASCII apostrophe; French uses ’ (U+2019)");
            }
            // An ICU skeleton ("{t, date, ::yMMMdjmz}") is syntax, not French text.
            if (FRENCH_PUNCTUATION.matcher(pattern.replaceAll(", ::\\w+}", "}")).find()) {
              problems.add(locale + " " + key + ": French wants U+00A0/U+202F before : ; ? !");
            }
            var elision = FRENCH_ELISION_BEFORE_USER.matcher(pattern);
            if (elision.find()) {
              problems.add(locale + " " + key + ": « " + elision.group()
                  + " » elides before a vowel; write « du compte {…} » or « pour {…} »");
            }
          }
          if (language.equals("ro") && ROMANIAN_CEDILLA.matcher(pattern).find()) {
            problems.add(locale + " " + key + ": ş/ţ with cedilla; Romanian uses ș/ț (comma below)");
          }
        });
  }

  /**
   * Arguments whose value names a kind of thing the sentence is about (an action, a procedure):
   * each value needs its own wording, in some languages its own article, elision or agreement, so
   * the value may only pick a whole sentence, as the key of a {@code select}. Dropped into a
   * carrier sentence as a translated label it gives "de la annulation", "pentru offboardingul".
   */
  static final Set<String> LABEL_ARGUMENTS = Set.of("action", "procedure");

  /**
   * No label argument ({@link #LABEL_ARGUMENTS}) is placed inside a sentence: each is a select
   * whose branches are whole sentences. A layout without words of its own ("{n}. {m}") is exempt.
   */
  List<String> wholeSentences() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          if (!hasWords(pattern)) {
            return;
          }
          for (Argument arg : arguments(pattern)) {
            if (LABEL_ARGUMENTS.contains(arg.name()) && arg.type() != MessagePattern.ArgType.SELECT) {
              problems.add(locale + " " + key + ": label {" + arg.name()
                  + "} inside a sentence; select a whole sentence for each value instead");
            }
          }
        });
  }

  /** True when a pattern has words of its own outside its arguments (a layout like "{n}. {m}" has none). */
  static boolean hasWords(String pattern) {
    var outside = new StringBuilder();
    int depth = 0;
    for (char ch : pattern.toCharArray()) {
      if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        depth--;
      } else if (depth == 0) {
        outside.append(ch);
      }
    }
    return outside.codePoints().anyMatch(Character::isLetter);
  }

  /** A message that is word for word the English one was not translated, unless a product name. */
  List<String> translated() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          if (!locale.equals(Locale.ENGLISH)
              && pattern.equals(english.get(key))
              && !SAME_IN_EVERY_LANGUAGE.contains(pattern)
              && hasWords(pattern)) {
            problems.add(locale + " " + key + ": same as English (untranslated?): " + pattern);
          }
        });
  }

  /**
   * Every message renders with sample arguments, once for each of {@link #SAMPLE_NUMBERS}, leaving
   * no brace behind (a sign of a quoted or misspelt argument).
   */
  List<String> samplesRender() {
    Date sampleDate = new Date(1_773_479_100_000L); // 2026-03-14T09:05:00Z
    return eachMessage(
        (locale, key, pattern, problems) -> {
          MessageFormat format;
          try {
            format = new MessageFormat(pattern, ULocale.forLocale(locale));
          } catch (IllegalArgumentException e) {
            return; // compile() reports it
          }
          Map<String, Kind> kinds = kinds(arguments(pattern));
          for (long number : SAMPLE_NUMBERS) {
            Map<String, Object> args = new HashMap<>();
            kinds.forEach(
                (name, kind) ->
                    args.put(
                        name,
                        switch (kind) {
                          case NUMBER -> number;
                          case DATE -> sampleDate;
                          case SELECT -> "other";
                          case TEXT -> "«" + name + "»";
                        }));
            try {
              String text = format.format(args);
              if (text.contains("{") || text.contains("}")) {
                problems.add(locale + " " + key + ": left a brace in \"" + text + "\"");
              }
            } catch (RuntimeException e) {
              problems.add(locale + " " + key + " with " + number + ": " + e);
            }
          }
        });
  }

  /**
   * A glossary concept: the English wording that marks a message as being about it, and the
   * term each other language must then use (GLOSSARY.md). Regular expressions, case-insensitive.
   */
  record Term(String concept, Pattern english, Map<String, Pattern> required) {
    static Term of(String concept, String english, String fr, String ro, String nl, String sv) {
      return new Term(concept, icase(english),
          Map.of("fr", icase(fr), "ro", icase(ro), "nl", icase(nl), "sv", icase(sv)));
    }
  }

  /** A wrong term for a language, with why it is wrong. */
  record WrongTerm(String language, Pattern term, String why) {
    static WrongTerm of(String language, String term, String why) {
      return new WrongTerm(language, icase(term), why);
    }
  }

  private static Pattern icase(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  }

  /** The glossary's concepts and the term each language uses for them (GLOSSARY.md). */
  static final List<Term> GLOSSARY = List.of(
      Term.of("sign-in", "\\bsign(s|ed|ing)?[- ]in\\b",
          // "ouvrir une session": "se connecter" does not fit after "autorisé à" (action.SIGN_IN).
          "connexion|connect|ouvrir une session", "conect",
          "aanmeld|aangemeld|aan te melden|meld\\b.{0,40}\\baan\\b", "logga\\w* in|inlogg"),
      Term.of("sign out", "\\bsign(s|ed|ing)?[- ](\\S+ )?out\\b",
          "déconne(ct|x)", "deconect", "afmeld|afgemeld|meld\\b.{0,40}\\baf\\b", "logga\\w* ut|utlogg"),
      Term.of("locked out", "locked out|lockout",
          "verrouill", "blocat|blocare|blocarea|blocării|debloca", "vergrendel", "utelåst|utelåsning"),
      // One verb for clearing a lockout, in messages and help alike, never the words of "unlock the
      // account": after clear-lockout alone, sign-in may still be blocked.
      Term.of("clear the lockout", "\\bclear(s|ed|ing)? (a user's |the )?(sign-in )?lockout|lockout cleared",
          "lev\\w* le verrouillage|verrouillage\\b.{0,40}\\blevé",
          "ridic\\w* blocar\\w* temporar|blocare\\w* temporar\\w*\\b.{0,40}\\bridicat",
          "vergrendeling\\b.{0,40}\\b(opheffen|opgeheven|op te heffen)|\\bhef\\b.{0,40}\\bvergrendeling\\b.{0,40}\\bop\\b",
          "häv\\w* utelåsningen|utelåsning\\w*\\b.{0,40}\\bhäv"),
      Term.of("access token", "access tokens?",
          "jetons? d’accès", "token\\w* de acces", "toegangstoken", "åtkomsttoken"),
      Term.of("refresh token", "refresh tokens?",
          "jetons? d’actualisation", "token\\w*( \\w+)? de reîmprospătare", "vernieuwingstoken", "uppdateringstoken"),
      Term.of("compromised account", "compromis",
          "compromi", "compromi", "gecompromitteerd|compromitter", "komprometter"),
      Term.of("outbound spam", "outbound spam",
          "courrier indésirable sortant", "spam de ieșire", "uitgaande spam", "utgående skräppost"),
      Term.of("global admin", "global admin",
          "administrateurs? généra(l|ux)", "administrator\\w* global", "globale beheerder", "global\\w* administratör"),
      Term.of("helpdesk admin", "helpdesk admin",
          "administrateurs? du support technique", "administrator\\w* de asistență", "helpdeskbeheerder", "supportadministratör"),
      Term.of("user admin", "\\buser admin\\b",
          "administrateurs? d’utilisateurs", "administrator\\w* de utilizatori", "gebruikersbeheerder", "användaradministratör"),
      Term.of("temporary password", "temporary password",
          "mots? de passe temporaires?", "parol\\w* temporar", "tijdelijk\\w* wachtwoord", "tillfällig\\w* lösenord"),
      Term.of("reset password", "\\breset",
          "réinitialis", "reset", "opnieuw\\b.{0,20}\\bin", "återställ"),
      Term.of("mailbox", "mailbox",
          "boîtes? aux lettres", "cuti\\w* poștal", "postvak", "postlåd"),
      Term.of("dry run", "dry-run|dry run",
          "simulation", "simulare", "proefrun", "testkörning"),
      Term.of("step N", "^Step \\{",
          "^Étape \\{", "^Pasul \\{", "^Stap \\{", "^Steg \\{"));

  /** Wrong terms, most of them the seed documents' errors listed in GLOSSARY.md. */
  static final List<WrongTerm> WRONG_TERMS = List.of(
      WrongTerm.of("fr", "signature", "sign-in is « connexion », not « signature »"),
      WrongTerm.of("fr", "se sortir", "sign out is « se déconnecter »"),
      WrongTerm.of("fr", "décrément", "sign out is « déconnecter », not « décrémenter »"),
      WrongTerm.of("fr", "ré-?inscri", "sign in again is « se reconnecter »"),
      WrongTerm.of("fr", "compromise\\b", "« compte compromis » (masculine)"),
      WrongTerm.of("fr", "limité à l’envoi", "says the opposite of « l’envoi est restreint »"),
      WrongTerm.of("fr", "dans les heures qui suivent", "is not « dans l’heure »"),
      WrongTerm.of("ro", "la interval de o oră", "means « every hour »"),
      WrongTerm.of("ro", "Office 365", "the product is Microsoft 365"),
      WrongTerm.of("nl", "gehackt", "the term is « gecompromitteerd »"),
      WrongTerm.of("nl", "een uur na", "is « an hour after », not « within an hour »"),
      WrongTerm.of("sv", "låser ut sig", "« users lock themselves out »: the user is « utelåst »"),
      WrongTerm.of("sv", "om det är komprometterat", "mistranslates « as a precaution »"),
      // One word per concept, help included (the help texts had drifted from the messages).
      WrongTerm.of("fr", "effacer le verrouillage", "clear the lockout is « lever le verrouillage »"),
      WrongTerm.of("fr", "\\bmontrer\\b", "show is « afficher », as everywhere else"),
      WrongTerm.of("ro", "elimin\\w* blocarea", "clear the lockout is « ridicați blocarea temporară »"),
      WrongTerm.of("ro", "restricția de trimitere", "lift the sending restriction is « deblocați trimiterea »"),
      WrongTerm.of("ro", "\\barată\\b", "show is « afișează », as everywhere else"),
      WrongTerm.of("nl", "vergrendeling\\b.{0,40}\\bwissen", "clear the lockout is « de vergrendeling opheffen »"),
      WrongTerm.of("nl", "blokkering van verzenden", "the sending restriction is the « verzendblokkering »"),
      WrongTerm.of("sv", "ta bort\\b.{0,40}\\butelåsning", "clear the lockout is « häva utelåsningen »"),
      WrongTerm.of("sv", "utskick", "sending is « sändning », as in the messages"));

  // Command-line options are code, the same in every language: "--reset-password" is no reset.
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  /**
   * A message whose English is about a glossary concept uses the glossary's term for it in every
   * other language; no message uses a known wrong term.
   */
  List<String> glossary() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          String language = locale.getLanguage();
          String text = OPTION.matcher(pattern).replaceAll("");
          String englishPattern = english.get(key);
          if (englishPattern != null && !language.equals("en")) {
            String englishText = OPTION.matcher(englishPattern).replaceAll("");
            for (Term term : GLOSSARY) {
              Pattern required = term.required().get(language);
              if (required != null && term.english().matcher(englishText).find() && !required.matcher(text).find()) {
                problems.add(locale + " " + key + ": " + term.concept() + " must be /" + required.pattern() + "/");
              }
            }
          }
          for (WrongTerm wrong : WRONG_TERMS) {
            if (wrong.language().equals(language) && wrong.term().matcher(text).find()) {
              problems.add(locale + " " + key + ": wrong term /" + wrong.term().pattern() + "/: " + wrong.why());
            }
          }
        });
  }

  /** All checks together. */
  private static final Pattern DATE_ARGUMENT = Pattern.compile("\\{\\s*(\\w+)\\s*,\\s*(date|time)\\s*(?:,\\s*([^}]*?))?\\s*}");
  /** An ICU skeleton with the year, the day and a time-zone field. */
  private static final Pattern DATE_WITH_ZONE = Pattern.compile("::(?=\\w*y)(?=\\w*d)(?=\\w*[zvOVZ])\\w+");

  /**
   * Every date or time is shown with its date and its zone ({@code {t, date, ::yMMMdjmz}}): a
   * bare "10:28 PM" means another hour to a reader in another zone, or on another day.
   */
  List<String> datesWithZone() {
    return eachMessage(
        (locale, key, pattern, problems) -> {
          var matcher = DATE_ARGUMENT.matcher(pattern);
          while (matcher.find()) {
            var style = matcher.group(3) == null ? "" : matcher.group(3).strip();
            if (!matcher.group(2).equals("date") || !DATE_WITH_ZONE.matcher(style).matches()) {
              problems.add(locale + " " + key + ": {" + matcher.group(1) + "} needs a date skeleton with the date"
                  + " and the zone, e.g. {" + matcher.group(1) + ", date, ::yMMMdjmz}");
            }
          }
        });
  }

  List<String> all() {
    List<String> problems = new ArrayList<>();
    problems.addAll(datesWithZone());
    problems.addAll(keys());
    problems.addAll(compile());
    problems.addAll(arguments());
    problems.addAll(plurals());
    problems.addAll(typography());
    problems.addAll(translated());
    problems.addAll(samplesRender());
    problems.addAll(glossary());
    problems.addAll(wholeSentences());
    return problems;
  }

  /** The arguments of a pattern, nested ones included, in order of appearance. */
  static List<Argument> arguments(String pattern) {
    MessagePattern parsed;
    try {
      parsed = new MessagePattern(MessagePattern.ApostropheMode.DOUBLE_OPTIONAL).parse(pattern);
    } catch (IllegalArgumentException e) {
      return List.of(); // compile() reports it
    }
    List<Argument> found = new ArrayList<>();
    // One frame per open argument, innermost on top: a selector belongs to the innermost one.
    Deque<Frame> open = new ArrayDeque<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      switch (part.getType()) {
        case ARG_START -> {
          MessagePattern.ArgType type = part.getArgType();
          String name = parsed.getSubstring(parsed.getPart(i + 1));
          String simpleType =
              type == MessagePattern.ArgType.SIMPLE ? parsed.getSubstring(parsed.getPart(i + 2)) : "";
          open.push(new Frame(name, type, kindOf(type, simpleType), !open.isEmpty(), new TreeSet<>()));
        }
        case ARG_SELECTOR -> open.peek().selectors().add(parsed.getSubstring(part));
        case ARG_LIMIT -> {
          Frame frame = open.pop();
          found.add(new Argument(frame.name(), frame.type(), frame.kind(), frame.nested(), frame.selectors()));
        }
        default -> {}
      }
    }
    return found;
  }

  private record Frame(String name, MessagePattern.ArgType type, Kind kind, boolean nested, Set<String> selectors) {}

  private static Kind kindOf(MessagePattern.ArgType type, String simpleType) {
    return switch (type) {
      case PLURAL, SELECTORDINAL, CHOICE -> Kind.NUMBER;
      case SELECT -> Kind.SELECT;
      case SIMPLE ->
          switch (simpleType) {
            case "date", "time" -> Kind.DATE;
            case "number", "spellout", "ordinal", "duration" -> Kind.NUMBER;
            default -> Kind.TEXT;
          };
      default -> Kind.TEXT;
    };
  }

  /** Name → kind; an argument used both as a number and as text counts as a number. */
  private static Map<String, Kind> kinds(List<Argument> args) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Argument arg : args) {
      kinds.merge(arg.name(), arg.kind(), (a, b) -> a == Kind.TEXT ? b : a);
    }
    return kinds;
  }

  private interface MessageCheck {
    void check(Locale locale, String key, String pattern, List<String> problems);
  }

  private List<String> eachMessage(MessageCheck check) {
    List<String> problems = new ArrayList<>();
    bundles.forEach(
        (locale, bundle) ->
            new TreeMap<>(bundle).forEach((key, pattern) -> check.check(locale, key, pattern, problems)));
    return problems;
  }
}
