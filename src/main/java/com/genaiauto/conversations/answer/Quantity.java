package com.genaiauto.conversations.answer;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of figure a question can ask for, each known by the words that ask for it and the
 * units that state it: a tyre pressure is answered in psi, kPa or bar, a capacity in litres or
 * quarts. A manual line with a figure of the asked kind is far more likely to answer than one with
 * any figure. Units of measure, not any manufacturer's wording.
 */
public enum Quantity {
    // "bar" only with a figure or asked for ("in bar", "how many bar"): otherwise it is a tow bar or a roof bar.
    PRESSURE("\\b(pressure|psi|kpa|\\d\\s*bar|(in|how many|what) bar|inflat\\w*|air (in|goes|for)|how much air|pump (up|the))\\b",
            "\\d\\s*(psi|kpa|bar)\\b"),
    VOLUME("\\b(how much (oil|coolant|fluid|fuel|gas|petrol|diesel|adblue|washer|refrigerant)|capacity|hold|holds|"
            + "litres?|liters?|quarts?|gallons?|tank size|how big is the tank|fill)\\b",
            "\\d\\s*(us\\s*)?(qt|quarts?|l|litres?|liters?|gal|gallons?|ml)\\b"),
    DISTANCE("\\b(how far|range|distance|miles|mileage|km|kilomet\\w*|how many miles)\\b",
            "\\d\\s*(miles?|mi|km|kilomet\\w*)\\b"),
    INTERVAL("\\b(how often|interval|every|when (should|do|does|is|must|to)|due|replace|replaced|change|changed|schedule)\\b",
            "\\b(every|each|after|at)\\b[^.]{0,40}\\d|\\d\\s*(months?|years?|miles|km)\\b"),
    DURATION("\\b(how long|how much time|hours?|minutes?|take to)\\b",
            "\\d\\s*(hours?|hrs?|h|minutes?|mins?|seconds?|days?|weeks?|months?|years?)\\b"),
    WEIGHT("\\b(tow\\w*|weigh\\w*|heavy|load|payload|tongue|nose|trailer|roof)\\b",
            "\\d\\s*(lbs?|pounds?|kg|kilograms?|tonnes?|t)\\b"),
    TORQUE("\\b(torque|tighten\\w*|lb-?ft|nm|newton)\\b", "\\d\\s*(lb-?ft|ft-?lb|nm|n·m|n m)\\b"),
    POWER("\\b(power|kw|hp|horsepower|fast charg\\w*|charging speed|how fast .*charg\\w*)\\b", "\\d\\s*(kw|hp|ps|w)\\b"),
    SPEED("\\b(speed|mph|km/?h|how fast)\\b", "\\d\\s*(mph|km/?h)\\b"),
    TEMPERATURE("\\b(temperature|degrees?|freez\\w*|cold|hot|heat)\\b", "\\d\\s*(°|degrees?)\\s*[fc]?\\b|°[fc]"),
    DIMENSION("\\b(how (long|wide|tall|high) is|length|width|height|clearance|dimensions?|fit in|size)\\b",
            "\\d\\s*(in|inches|mm|cm|m|ft|feet)\\b|\\d+/\\d+\\s*r\\s*\\d+"),
    VOLTAGE("\\b(volt\\w*|voltage|amps?|amperage|kwh|battery size|battery capacity)\\b", "\\d\\s*(v|volts?|a|amps?|kwh|ah)\\b"),
    /** A specification by name: an oil grade, a fluid standard, a battery or bulb type, a connector. */
    SPECIFICATION("\\b(what|which) (\\w+ )?(type|kind|sort|grade|spec\\w*|standard|oil|fluid|coolant|antifreeze|battery|bulb|"
            + "fuse|plug|connector|socket|refrigerant|fuel|gas|petrol|diesel|tire|tyre|size)\\b|\\bwhat .* (take|use|need)s?\\b",
            "\\b(?=[a-z0-9/-]*\\d)(?=[a-z0-9/-]*[a-z])[a-z0-9][a-z0-9/-]{2,}\\b|\\b(sae|api|dot|ilsac|acea|type [a-z0-9])\\b");

    /** The kinds stated only in units of measure, so a line with such a figure is unmistakable. */
    public static final Set<Quantity> MEASURES = EnumSet.of(PRESSURE, VOLUME, WEIGHT, TORQUE, POWER, SPEED, VOLTAGE);

    private final Pattern asked;
    private final Pattern stated;

    Quantity(String asked, String stated) {
        this.asked = Pattern.compile(asked);
        this.stated = Pattern.compile(stated);
    }

    /** The kinds of figure a question asks for (none for a question that wants no figure). */
    public static Set<Quantity> askedIn(String question) {
        String lower = question.toLowerCase(Locale.ROOT);
        Set<Quantity> kinds = EnumSet.noneOf(Quantity.class);
        for (Quantity kind : values()) {
            if (kind.asked.matcher(lower).find()) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** Whether a line states a figure of any of these kinds. */
    public static boolean statedIn(String line, Set<Quantity> kinds) {
        if (kinds.isEmpty()) {
            return false;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        return kinds.stream().anyMatch(kind -> kind.stated.matcher(lower).find());
    }
}
