package com.genaiauto.conversations.service.agent;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Situations where the car must not be driven and a human takes over at once. Deliberately
 * simple, broad patterns over the owner's own words: a false alarm costs an agent a minute, a
 * missed one can cost a life. Checked before any routing, on every message.
 */
public final class SafetyRules {

    /** One rule: what it is about, and the advice given before anything else. */
    public record Hazard(String kind, String advice) {
    }

    private record Rule(Hazard hazard, Pattern pattern) {
    }

    private static final String STOP = "Please stop the car as soon as it is safe to do so, switch it off and do not drive it further. ";

    private static final List<Rule> RULES = List.of(
            rule("brake_failure", STOP + "Brakes that fail or a pedal that sinks to the floor are an emergency: "
                            + "if you are still moving, pump the pedal, use the parking brake gently and steer to a safe place.",
                    "brakes? (?:have |has )?(?:failed|fail|gone|stopped working|not working|don'?t work|do not work|won'?t work)"
                            + "|no brakes|(?:brake )?pedal (?:goes|went|sinks|sank|drops|dropped) (?:to|all the way to) the floor"
                            + "|can'?t (?:stop|brake) the car|brake failure"),
            rule("smoke_fire", STOP + "If there is smoke or fire, get everyone out, move well away from the car and call "
                            + "the emergency services (112). Do not open the bonnet.",
                    "\\bsmoke\\b|\\bsmoking\\b|\\bfire\\b|\\bflames?\\b|\\bon fire\\b|burning (?:smell )?(?:from|under|in) (?:the )?(?:bonnet|hood|engine|dash)"),
            rule("airbag", STOP + "With an airbag warning the airbags may not deploy in a crash; have the system checked "
                            + "before driving again. If an airbag has deployed, do not drive the car.",
                    "air ?bag (?:warning|light|lamp|symbol|fault|error|deployed|went off|came on|is on|stays on|indicator)"
                            + "|(?:warning|light|lamp|symbol).{0,25}air ?bag|\\bsrs\\b (?:light|warning)"),
            rule("fuel_smell", STOP + "A smell of fuel can mean a leak and a fire risk: do not start the engine again, "
                            + "do not smoke near the car, and keep away from it until it has been checked.",
                    "smell(?:s|ing)? (?:of |like )?(?:petrol|gasoline|gas|fuel|diesel)|(?:petrol|fuel|gas) (?:smell|leak|leaking|dripping)|leaking (?:petrol|fuel)"),
            rule("ev_high_voltage", STOP + "A high-voltage warning means the traction battery or its wiring may be unsafe: "
                            + "do not touch orange cables, get out of the car if you see smoke, hear hissing or popping, or smell "
                            + "something sweet or acrid, and call for help.",
                    "high[- ]voltage|\\bhv\\b (?:warning|fault|system)|stop safely|orange cable|battery (?:is )?(?:smoking|hissing|on fire|swelling|swollen)|traction battery (?:fault|warning)"));

    private SafetyRules() {
    }

    private static Rule rule(String kind, String advice, String pattern) {
        return new Rule(new Hazard(kind, advice), Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
    }

    public static Optional<Hazard> check(String text) {
        return RULES.stream().filter(rule -> rule.pattern().matcher(text).find()).map(Rule::hazard).findFirst();
    }
}
