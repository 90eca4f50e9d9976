package com.genaiauto.conversations.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What form of answer a question asks for, from how English questions are put: a figure (how
 * much, how long, what pressure...), steps (how do I...), a place (where is...), or anything. Used
 * to prefer the manual's sentence that has the figure or says where, or the list that has the steps.
 */
public record QuestionShape(boolean wantsFigure, boolean wantsSteps, boolean wantsPlace) {

    private static final Pattern FIGURE = Pattern.compile("\\b(how (much|many|long|far|often|heavy|big|fast|hot|cold|"
            + "old|soon|quick(ly)?|high|low|wide|deep)|what('s| is| are)? (the )?(size|type|kind|grade|weight|pressure|"
            + "capacity|range|torque|interval|limit|rating|spec|temperature|voltage|speed|distance|mileage)|which "
            + "(size|type|kind|grade|oil|fluid|coolant|battery|bulb|fuse|tire|tyre|fuel|gas|petrol)|"
            + "psi|kpa|\\d\\s*bar|(in|how many|what) bar|liters?|litres?|quarts?|gallons?|miles?|km|kwh|kw|lbs?|pounds?|kg|nm|lb-ft|volts?|"
            + "capacity|pressure|torque|interval|max(imum)?|min(imum)?|top speed|range)\\b");
    private static final Pattern STEPS = Pattern.compile("\\b(how (do|can|should|would) (i|you|we)|how to|steps?|"
            + "procedure|instructions?|reset|replace|install|jump.?start|pair|set up|what do i do|what should i do)\\b");

    private static final Pattern PLACE_ASKED = Pattern.compile("\\b(where(('s| is| are| do| does| can| should| would)\\b|s\\b)"
            + "|where to|can('t|not|t) find|location of|how do i find)");
    /** How English says where a thing is: a preposition of place before a part of the car, or a side. */
    // Prepositions with an article: "under the hood" says where, "under warranty" and "above 30 °C" do not.
    private static final Pattern PLACE_STATED = Pattern.compile("\\b((under(neath)?|beneath|behind|beside|next to|inside|"
            + "below|above|in front of) (the|your|each|both)|at the (front|rear|back|base|bottom|top|side)|on the (left|right|"
            + "driver|passenger|front|rear|inside|underside)|(left|right|driver's|passenger)[- ]hand side|(left|right) side of)\\b");

    public static QuestionShape of(String question) {
        String lower = normalise(question);
        return new QuestionShape(FIGURE.matcher(lower).find(), STEPS.matcher(lower).find(), PLACE_ASKED.matcher(lower).find());
    }

    /** Whether a line says where something is ("under the cargo floor", "on the right-hand side"). */
    public static boolean statesPlace(String text) {
        return PLACE_STATED.matcher(normalise(text)).find();
    }

    /** Lower case, with the curly apostrophe phones type ("where’s") made straight. */
    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }
}
