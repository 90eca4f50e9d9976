package com.genaiauto.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in free text written by vehicle owners. Every pattern is anchored on a shape
 * that ordinary car talk does not have (an {@code @}, a Luhn-valid card number, a dialling prefix,
 * a street suffix) or on a word that introduces the value ("plate", "phone", "SSN"), so mileages,
 * prices, dates, pressures, oil grades, fault codes, part numbers and VINs pass through untouched.
 * Stateless and thread-safe.
 */
final class PiiDetector {

    // ---- vehicle vocabulary that must never be masked, whatever else matches around it ----

    /** VINs: 17 characters without I, O and Q, with letters and digits (ISO 3779). */
    private static final Pattern VIN = Pattern.compile(
            "(?<![A-Za-z0-9])(?=[A-Za-z]*\\d)(?=\\d*[A-Za-z])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])");
    /** Oil grades (0W-20), OBD-II fault codes (P0301, U0100). */
    private static final Pattern VEHICLE_TERMS = Pattern.compile(
            "(?<![A-Za-z0-9])(?:\\d{1,2}W-?\\d{2}|[PBCU][0-3][0-9A-F]{3})(?![A-Za-z0-9])");

    // ---- e-mail ----

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])");

    // ---- payment cards: 13-19 digits, plain or in the groupings printed on cards; Luhn decides ----

    private static final Pattern CARD = Pattern.compile(
            "(?<![\\w+.,/-])(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){2}(?:[ -]\\d{1,4}){1,2}|\\d{4}[ -]\\d{6}[ -]\\d{4,5})"
                    + "(?![\\w]|[.,/-]\\d)");

    // ---- national ids ----

    /** US social security number in its written form; never 000, 666 or 9xx areas. */
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\w-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\w]|-\\d)");
    /** UK National Insurance number: two letters, three pairs of digits, a final A-D. */
    private static final Pattern UK_NI = Pattern.compile(
            "(?<![\\w-])[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![\\w-])");
    /** A word that introduces an identity number (SSN, passport, driving licence, tax id). */
    private static final Pattern ID_ANCHOR = Pattern.compile(
            "(?i)\\b(?:ssn|social\\s+security(?:\\s+(?:number|no\\.?|#))?|national\\s+insurance(?:\\s+(?:number|no\\.?))?"
                    + "|ni\\s+(?:number|no\\.?)|passport(?:\\s+(?:number|no\\.?|#))?"
                    + "|driver(?:'?s)?\\s+licen[cs]e(?:\\s+(?:number|no\\.?|#))?|dl\\s+(?:number|no\\.?|#)|driving\\s+licen[cs]e(?:\\s+(?:number|no\\.?))?"
                    + "|steuer-?id(?:nr)?\\.?|steueridentifikationsnummer|tax\\s+id(?:entification)?(?:\\s+(?:number|no\\.?))?"
                    + "|personalausweis(?:nummer)?|id\\s+card(?:\\s+(?:number|no\\.?))?)"
                    + "[ \\t]*[:#=]?[ \\t]*(?:(?:ist|is|was|lautet)[ \\t]*:?[ \\t]*)?");

    // ---- phone numbers ----

    /** International: +49 30 1234567, +1 (555) 123-4567, 0049 30 1234567, +4915112345678. */
    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
            "(?<![\\w+])(?:\\+|00)[1-9]\\d{0,14}(?:[ .-]?\\(\\d{1,5}\\)[ .-]?\\d{0,10})?(?:[ ./-]\\d{1,10}){0,6}"
                    + "(?![\\w]|[.,]\\d)");
    /** North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-555-123-4567. */
    private static final Pattern PHONE_NANP = Pattern.compile(
            "(?<![\\w+.-])(?:1[ .-]?)?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w]|[.-]\\d)");
    /** National with a trunk zero: 0171 2345678, 030/1234567, 020 7946 0958, 01712345678. */
    private static final Pattern PHONE_TRUNK = Pattern.compile(
            "(?<![\\w+.,/:-])(?:0[1-9]\\d{0,4}[ /-]\\d{2,8}(?:[ -]\\d{2,8}){0,3}|0[1-9]\\d{8,11})(?![\\w]|[.,:/-]\\d)");
    /** A word that introduces a phone number, and the number after it. */
    private static final Pattern PHONE_ANCHORED = Pattern.compile(
            "(?i)\\b(?:phone|telephone|tel|mobile|cell\\s*phone|cell\\s+(?:number|no\\.?)|handy|telefon"
                    + "|telefonnummer|handynummer|whats\\s?app|fax|call\\s+me|text\\s+me|reach\\s+me|ring\\s+me)"
                    + "(?:\\s+(?:number|no\\.?|nr\\.?|#))?[ \\t]*[:.]?[ \\t]*(?:(?:is|at|on|unter)[ \\t]*:?[ \\t]*)?"
                    + "(?<value>\\+?\\(?\\d[\\d ()/-]{4,22}\\d)(?![\\w]|[.,:]\\d)");

    // ---- street addresses ----

    private static final String STREET_SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr"
            + "|Court|Ct|Place|Pl|Square|Sq|Terrace|Ter|Way|Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Circle|Cir"
            + "|Trail|Trl|Mews|Row|Gardens|Grove|Loop|Plaza)";
    /** 221B Baker Street, 12 Oak Ave, 1600 Pennsylvania Avenue NW, 350 5th Avenue. */
    private static final Pattern ADDRESS_EN = Pattern.compile(
            "(?<![\\w.,-])(?<number>\\d{1,5}[A-Za-z]?(?:-\\d{1,5})?)[ \\t]+"
                    + "(?<name>(?:(?:[A-Z][A-Za-z'-]*|\\d{1,3}(?:st|nd|rd|th))[ \\t]+){1,4})"
                    + STREET_SUFFIX + "\\b(?:[ \\t]+(?:NW|NE|SW|SE|N|S|E|W)\\b)?"
                    + "(?![ \\t]+(?i:mode|modes|train|shaft|select|selector|unit|belt|system|assist|cycle|range)\\b)");
    private static final String UPPER = "A-Z\\u00C4\\u00D6\\u00DC";
    private static final String LOWER = "a-z\\u00E4\\u00F6\\u00FC\\u00DF";
    /** Hauptstraße 5, Berliner Straße 12a, Bahnhofstr. 3, Lindenweg 7, Kurfürstendamm 21. */
    private static final Pattern ADDRESS_DE = Pattern.compile(
            "(?<![\\w-])(?:[" + UPPER + "][" + LOWER + "]+(?:er|e|en)[ -])?"
                    + "(?:[" + UPPER + "][" + LOWER + "-]*(?:stra\\u00DFe|strasse|str\\.|weg|allee|platz|gasse|ufer|damm|chaussee)"
                    + "|Stra\\u00DFe|Strasse|Str\\.|Weg|Allee|Platz|Gasse|Ufer|Damm|Chaussee)"
                    + "[ \\t]?\\d{1,4}(?:[ \\t]?[a-zA-Z])?(?![\\w])");

    // ---- licence plates ----

    /** Current UK format: AB12 CDE. */
    private static final Pattern PLATE_UK = Pattern.compile("(?<![\\w-])[A-Z]{2}\\d{2} ?(?<tail>[A-Z]{3})(?![\\w-])");
    /** German with the district hyphen: B-AB 1234, HH-XY 42E. */
    private static final Pattern PLATE_DE_HYPHEN = Pattern.compile(
            "(?<![\\w-])[" + UPPER + "]{1,3}-[A-Z]{1,2} \\d{1,4}[EH]?(?![\\w-])");
    /** German with spaces only: M AB 123 (at least two digits, so "VW ID 3" stays a model name). */
    private static final Pattern PLATE_DE_SPACED = Pattern.compile(
            "(?<![\\w-])(?<district>[" + UPPER + "]{1,3}) (?<letters>[A-Z]{1,2}) \\d{2,4}[EH]?(?![\\w-])");
    /** A word that introduces a plate ("plate", "registration", "reg", "Kennzeichen"). */
    private static final Pattern PLATE_ANCHOR = Pattern.compile(
            "(?i)\\b(?:licen[cs]e\\s+plates?|number\\s+plates?|registration\\s+plates?|registration(?:\\s+(?:number|no\\.?|mark))?"
                    + "|reg(?:\\.|\\s+(?:number|no\\.?|plate))?|plates?|tag\\s+(?:number|no\\.?|#)|kennzeichen|nummernschild)"
                    + "(?:\\s+(?:number|no\\.?|#))?[ \\t]*[:#=]?[ \\t]*(?:(?:ist|is|was|reads|lautet)[ \\t]*:?[ \\t]*)?");

    /** Three-letter endings of model names and features that look like a UK plate tail ("XC40 AWD"). */
    private static final Set<String> NOT_PLATE_TAILS = Set.of("AWD", "FWD", "RWD", "TDI", "TSI", "GTI", "GTD", "CDI",
            "HDI", "DCI", "HEV", "BEV", "CVT", "DSG", "ABS", "ESP", "LED", "USB", "SUV", "MPV", "EPB", "DPF", "EGR",
            "ECU", "BMS", "OBD", "DRL", "ACC", "LKA", "TPM", "AMG", "EVO", "GTS", "CUP", "RED", "VAT", "SRS");
    /** First words that make "X AB 12" a make and model rather than a German plate. */
    private static final Set<String> NOT_PLATE_DISTRICTS = Set.of("VW", "BMW", "KIA", "MG", "GM", "GMC", "BYD", "DS",
            "MB", "RAM", "AMG", "GT", "RS", "ID", "EV", "DOT", "SAE", "ISO", "DIN", "API", "CCS", "USB", "LED", "OBD",
            "ECU", "ABS", "SUV", "JLR", "NIO", "VAT", "THE", "AND", "FOR", "MY", "ON", "AT", "IN", "TO", "OF", "OR");
    private static final Set<String> NOT_PLATE_LETTERS = Set.of("ID", "EV", "GT", "RS", "AT", "ON", "IN", "OR", "TO",
            "OF", "IS", "MY", "UP");
    /** Street-name words that make "3 Series Drive" or "4 Wheel Drive" vehicle talk, not an address. */
    private static final Set<String> NOT_STREET_WORDS = Set.of("series", "class", "model", "models", "mode", "hybrid",
            "sport", "plus", "pro", "edition", "line", "cylinder", "cylinders", "speed", "door", "doors", "seater",
            "wheel", "wheels", "star", "year", "years", "month", "months", "day", "days", "hour", "hours", "mile",
            "miles", "km", "minute", "minutes", "gear", "gears", "valve", "valves", "way", "point", "phase", "stage");
    /** Makes that follow a model year ("2020 Ford Ranger Drive mode"). */
    private static final Set<String> MAKES = Set.of("ford", "toyota", "honda", "kia", "hyundai", "bmw", "audi",
            "tesla", "nissan", "mazda", "volkswagen", "vw", "chevrolet", "chevy", "jeep", "dodge", "ram", "subaru",
            "volvo", "mercedes", "porsche", "lexus", "acura", "buick", "cadillac", "gmc", "mini", "fiat", "peugeot",
            "renault", "skoda", "seat", "opel", "vauxhall", "citroen", "polestar", "rivian", "lucid", "genesis",
            "mitsubishi", "suzuki", "land", "range", "jaguar", "lincoln", "chrysler", "infiniti", "alfa", "cupra");

    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");
    private static final Pattern WORD_BEFORE = Pattern.compile("([\\p{L}']+)[ \\t]+$");
    private static final Set<String> VEHICLE_DETERMINERS = Set.of("my", "our", "your", "his", "her", "their", "a",
            "an", "the", "this", "that", "mein", "meine", "meinen", "unser", "unseren", "ein", "einen", "der", "den");

    // Cheap look-ups that spare the keyword-anchored patterns (the slow ones) on most texts.
    private static final List<String> ID_WORDS = List.of("ssn", "social", "insurance", "ni ", "passport", "licen",
            "dl ", "steuer", "tax", "personalausweis", "id card");
    private static final List<String> PHONE_WORDS = List.of("phone", "tel", "mobile", "cell", "handy", "whats", "fax",
            "call", "text", "reach", "ring");
    private static final List<String> PLATE_WORDS = List.of("plate", "reg", "tag", "kennzeichen", "nummernschild");
    private static final List<String> GERMAN_STREET_WORDS = List.of("stra\u00DFe", "strasse", "str.", "weg", "allee",
            "platz", "gasse", "ufer", "damm", "chaussee");

    private final Set<PiiType> types;

    PiiDetector(Set<PiiType> types) {
        this.types = Set.copyOf(types);
    }

    /** The personal data in {@code text}, without overlaps, in text order. */
    List<PiiMatch> find(String text) {
        if (text == null || text.isEmpty() || !mayContainPii(text)) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<PiiMatch> candidates = new ArrayList<>();
        if (types.contains(PiiType.EMAIL) && text.indexOf('@') >= 0) {
            collect(EMAIL, text, PiiType.EMAIL, candidates);
        }
        if (types.contains(PiiType.CARD) && digitsOf(text).length() >= 13) {
            Matcher m = CARD.matcher(text);
            while (m.find()) {
                String digits = digitsOf(m.group());
                if (digits.length() >= 13 && digits.length() <= 19 && luhnValid(digits)) {
                    candidates.add(new PiiMatch(PiiType.CARD, m.start(), m.end(), m.group()));
                }
            }
        }
        if (types.contains(PiiType.NATIONAL_ID)) {
            collect(SSN, text, PiiType.NATIONAL_ID, candidates);
            collect(UK_NI, text, PiiType.NATIONAL_ID, candidates);
            if (containsAny(lower, ID_WORDS)) {
                collectAnchored(ID_ANCHOR, text, PiiType.NATIONAL_ID, 5, 6, 18, 4, 0, candidates);
            }
        }
        if (types.contains(PiiType.PHONE)) {
            collectPhones(PHONE_INTERNATIONAL, text, 8, 15, candidates);
            collectPhones(PHONE_NANP, text, 10, 11, candidates);
            collectPhones(PHONE_TRUNK, text, 9, 13, candidates);
            if (containsAny(lower, PHONE_WORDS)) {
                Matcher m = PHONE_ANCHORED.matcher(text);
                while (m.find()) {
                    int digits = digitsOf(m.group("value")).length();
                    if (digits >= 7 && digits <= 15) {
                        candidates.add(new PiiMatch(PiiType.PHONE, m.start("value"), m.end("value"), m.group("value")));
                    }
                }
            }
        }
        if (types.contains(PiiType.ADDRESS)) {
            Matcher m = ADDRESS_EN.matcher(text);
            while (m.find()) {
                if (looksLikeStreet(m.group("number"), m.group("name"))
                        && !isOwnedModelYear(text, m.start(), m.group("number"))) {
                    candidates.add(new PiiMatch(PiiType.ADDRESS, m.start(), m.end(), m.group()));
                }
            }
            if (containsAny(lower, GERMAN_STREET_WORDS)) {
                collect(ADDRESS_DE, text, PiiType.ADDRESS, candidates);
            }
        }
        if (types.contains(PiiType.PLATE)) {
            Matcher uk = PLATE_UK.matcher(text);
            while (uk.find()) {
                if (!NOT_PLATE_TAILS.contains(uk.group("tail"))) {
                    candidates.add(new PiiMatch(PiiType.PLATE, uk.start(), uk.end(), uk.group()));
                }
            }
            collect(PLATE_DE_HYPHEN, text, PiiType.PLATE, candidates);
            Matcher de = PLATE_DE_SPACED.matcher(text);
            while (de.find()) {
                if (!NOT_PLATE_DISTRICTS.contains(de.group("district")) && !NOT_PLATE_LETTERS.contains(de.group("letters"))) {
                    candidates.add(new PiiMatch(PiiType.PLATE, de.start(), de.end(), de.group()));
                }
            }
            if (containsAny(lower, PLATE_WORDS)) {
                collectAnchored(PLATE_ANCHOR, text, PiiType.PLATE, 3, 2, 8, 1, 1, candidates);
            }
        }
        return candidates.isEmpty() ? List.of() : resolve(candidates, protectedSpans(text));
    }

    /** Every detector needs a digit or an {@code @}; text without either is returned at once. */
    private static boolean mayContainPii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String lowerCaseText, List<String> words) {
        for (String word : words) {
            if (lowerCaseText.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Pattern pattern, String text, PiiType type, List<PiiMatch> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(new PiiMatch(type, m.start(), m.end(), m.group()));
        }
    }

    private static void collectPhones(Pattern pattern, String text, int minDigits, int maxDigits, List<PiiMatch> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int digits = digitsOf(m.group()).length();
            if (digits >= minDigits && digits <= maxDigits) {
                into.add(new PiiMatch(PiiType.PHONE, m.start(), m.end(), m.group()));
            }
        }
    }

    /**
     * The value after an anchor word: up to {@code maxTokens} tokens separated by single spaces, each
     * with a digit or short and upper-case ("QQ", "ABC"), so the sentence that follows is not taken.
     */
    private static void collectAnchored(Pattern anchor, String text, PiiType type, int maxTokens, int minAlnum,
                                        int maxAlnum, int minDigits, int minLetters, List<PiiMatch> into) {
        Matcher m = anchor.matcher(text);
        while (m.find()) {
            int start = m.end();
            int end = anchoredValueEnd(text, start, maxTokens, minAlnum, maxAlnum, minDigits, minLetters);
            if (end > start) {
                into.add(new PiiMatch(type, start, end, text.substring(start, end)));
            }
        }
    }

    private static int anchoredValueEnd(String text, int from, int maxTokens, int minAlnum, int maxAlnum,
                                        int minDigits, int minLetters) {
        int n = text.length();
        if (from > 0 && isAsciiAlnum(text.charAt(from - 1))) {
            return from; // the anchor ran into a word ("plates" of "platesX"); not a value
        }
        int pos = from;
        int alnum = 0;
        int digits = 0;
        int letters = 0;
        int best = from;
        for (int token = 0; token < maxTokens && pos < n; token++) {
            int e = pos;
            int tokenDigits = 0;
            int tokenLetters = 0;
            boolean upper = true;
            while (e < n) {
                char c = text.charAt(e);
                if (isAsciiAlnum(c)) {
                    if (Character.isDigit(c)) {
                        tokenDigits++;
                    } else {
                        tokenLetters++;
                        upper &= Character.isUpperCase(c);
                    }
                    e++;
                } else if (c == '-' && e > pos && e + 1 < n && isAsciiAlnum(text.charAt(e + 1))) {
                    e++;
                } else {
                    break;
                }
            }
            if (e == pos) {
                break;
            }
            boolean qualifies = tokenDigits > 0 || (upper && tokenLetters <= 4);
            if (!qualifies || (e < n && !boundaryAfterToken(text.charAt(e)))) {
                break;
            }
            alnum += tokenDigits + tokenLetters;
            digits += tokenDigits;
            letters += tokenLetters;
            if (alnum > maxAlnum) {
                break;
            }
            if (alnum >= minAlnum && digits >= minDigits && letters >= minLetters) {
                best = e;
            }
            if (e + 1 < n && text.charAt(e) == ' ' && isAsciiAlnum(text.charAt(e + 1))) {
                pos = e + 1;
            } else {
                break;
            }
        }
        return best;
    }

    private static boolean boundaryAfterToken(char c) {
        return !Character.isLetterOrDigit(c) && c != '_' && c != '@';
    }

    private static boolean looksLikeStreet(String number, String name) {
        String[] words = name.trim().split("[ \\t]+");
        boolean modelYear = YEAR.matcher(number).matches();
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (NOT_STREET_WORDS.contains(lower) || (modelYear && MAKES.contains(lower))) {
                return false;
            }
        }
        return true;
    }

    /**
     * "my 2024 Summit Trail", "a 2019 Harbor Way": a model year after a possessive or an article
     * names a vehicle whatever its make, while an address is introduced by "at", "to" or nothing
     * ("I live at 2024 Elm Street"). Model names ending in a street word are common enough that a
     * list of makes cannot cover them.
     */
    private static boolean isOwnedModelYear(String text, int start, String number) {
        if (!YEAR.matcher(number).matches()) {
            return false;
        }
        Matcher before = WORD_BEFORE.matcher(text.substring(Math.max(0, start - 24), start));
        return before.find() && VEHICLE_DETERMINERS.contains(before.group(1).toLowerCase(Locale.ROOT));
    }

    /** Spans that stay as they are: VINs and fault codes are vehicle data, not personal data. */
    private static List<int[]> protectedSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        for (Pattern pattern : List.of(VIN, VEHICLE_TERMS)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
        }
        return spans;
    }

    /** Drops candidates inside protected spans, then keeps the strongest of overlapping ones. */
    private static List<PiiMatch> resolve(List<PiiMatch> candidates, List<int[]> protectedSpans) {
        candidates.sort(Comparator.comparing(PiiMatch::type)
                .thenComparingInt(PiiMatch::start)
                .thenComparing(Comparator.comparingInt((PiiMatch m) -> m.end() - m.start()).reversed()));
        List<PiiMatch> accepted = new ArrayList<>();
        for (PiiMatch candidate : candidates) {
            if (candidate.type() != PiiType.EMAIL && insideProtected(candidate, protectedSpans)) {
                continue;
            }
            if (accepted.stream().noneMatch(candidate::overlaps)) {
                accepted.add(candidate);
            }
        }
        accepted.sort(Comparator.comparingInt(PiiMatch::start));
        return accepted;
    }

    private static boolean insideProtected(PiiMatch match, List<int[]> spans) {
        for (int[] span : spans) {
            if (match.start() < span[1] && span[0] < match.end()) {
                return true;
            }
        }
        return false;
    }

    static String digitsOf(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
