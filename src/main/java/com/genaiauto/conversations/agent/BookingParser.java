package com.genaiauto.conversations.agent;

import com.genaiauto.customers.model.ServiceType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an owner says about a workshop visit: the kind of service, the day and the time of
 * day. Plain patterns, no model: bookings must behave the same with or without a network.
 */
public final class BookingParser {

    private static final Map<Pattern, ServiceType> SERVICES = new LinkedHashMap<>();
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?\\b");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern AT_HOUR = Pattern.compile("\\bat\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?\\b|\\b(\\d{1,2})(?::(\\d{2}))\\b|\\b(\\d{1,2})\\s*(am|pm)\\b");

    static {
        SERVICES.put(Pattern.compile("oil"), ServiceType.OIL_CHANGE);
        SERVICES.put(Pattern.compile("rotat"), ServiceType.TYRE_ROTATION);
        SERVICES.put(Pattern.compile("(winter|summer) tyres?|tyre change|change (the |my )?tyres?|new tyres?|tire change"), ServiceType.TYRE_CHANGE);
        SERVICES.put(Pattern.compile("brake"), ServiceType.BRAKE_SERVICE);
        SERVICES.put(Pattern.compile("12 ?v|battery check|battery test"), ServiceType.BATTERY_CHECK);
        SERVICES.put(Pattern.compile("ev service|high.voltage check|battery health"), ServiceType.EV_SERVICE);
        SERVICES.put(Pattern.compile("diagnos|check engine|warning light|noise|look at|check it|inspect the"), ServiceType.DIAGNOSTICS);
        SERVICES.put(Pattern.compile("recall"), ServiceType.RECALL);
        SERVICES.put(Pattern.compile("inspection|mot\\b|tüv|safety check"), ServiceType.INSPECTION);
        SERVICES.put(Pattern.compile("service|maintenance|check.?up"), ServiceType.GENERAL_SERVICE);
    }

    private BookingParser() {
    }

    static Optional<ServiceType> serviceType(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return SERVICES.entrySet().stream().filter(entry -> entry.getKey().matcher(lower).find())
                .map(Map.Entry::getValue).findFirst();
    }

    /** The day the owner names, relative to {@code today}; empty when none is named. */
    static Optional<LocalDate> date(String text, LocalDate today) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher iso = ISO_DATE.matcher(lower);
        if (iso.find()) {
            return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3))));
        }
        Matcher dayMonth = DAY_MONTH.matcher(lower);
        if (dayMonth.find()) {
            return Optional.of(nextOccurrence(month(dayMonth.group(2)), Integer.parseInt(dayMonth.group(1)), today));
        }
        Matcher monthDay = MONTH_DAY.matcher(lower);
        if (monthDay.find()) {
            return Optional.of(nextOccurrence(month(monthDay.group(1)), Integer.parseInt(monthDay.group(2)), today));
        }
        if (lower.contains("day after tomorrow")) {
            return Optional.of(today.plusDays(2));
        }
        if (lower.contains("tomorrow")) {
            return Optional.of(today.plusDays(1));
        }
        if (lower.matches(".*\\btoday\\b.*")) {
            return Optional.of(today);
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (lower.matches(".*\\b" + name + "\\b.*")) {
                int ahead = (day.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
                // The same weekday as today means a week from now: a workshop is not booked for today.
                return Optional.of(today.plusDays(ahead == 0 ? 7 : ahead));
            }
        }
        if (lower.contains("next week")) {
            return Optional.of(today.plusDays(8 - today.getDayOfWeek().getValue()));
        }
        return Optional.empty();
    }

    /** The time the owner prefers: an exact clock time, or a window (morning/afternoon). */
    static TimePreference time(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\b\\d{4}-\\d{2}-\\d{2}\\b", " ");
        Matcher at = AT_HOUR.matcher(lower);
        if (at.find()) {
            String hourText = at.group(1) != null ? at.group(1) : at.group(4) != null ? at.group(4) : at.group(6);
            String minuteText = at.group(2) != null ? at.group(2) : at.group(5);
            String meridiem = at.group(3) != null ? at.group(3) : at.group(7);
            int hour = Integer.parseInt(hourText);
            int minute = minuteText == null ? 0 : Integer.parseInt(minuteText);
            if ("pm".equals(meridiem) && hour < 12) {
                hour += 12;
            } else if ("am".equals(meridiem) && hour == 12) {
                hour = 0;
            } else if (meridiem == null && hour >= 1 && hour <= 6) {
                hour += 12; // "at 3" means the afternoon at a workshop
            }
            if (hour < 24 && minute < 60) {
                return new TimePreference(LocalTime.of(hour, minute), null, null);
            }
        }
        if (lower.contains("morning")) {
            return new TimePreference(null, LocalTime.of(7, 0), LocalTime.of(12, 0));
        }
        if (lower.contains("afternoon")) {
            return new TimePreference(null, LocalTime.of(12, 0), LocalTime.of(18, 0));
        }
        if (lower.matches(".*\\b(evening|late)\\b.*")) {
            return new TimePreference(null, LocalTime.of(15, 0), LocalTime.of(20, 0));
        }
        return TimePreference.ANY;
    }

    /**
     * A plain consent only: "yes please", "ok, book it". Anything that asks or changes something
     * ("ok but Friday?", "yes, at 3 instead") is not a yes to the proposal as it stands.
     */
    public static boolean isYes(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        String consent = "(yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|please do|do it|book it|go ahead|correct|"
                + "that works|perfect|great|y|please|thanks|thank you|that's fine|fine)";
        return lower.matches("^" + consent + "([ ,.!]+" + consent + ")*[ .!]*$");
    }

    /**
     * Consent to bring in a person: a yes, not thanks or praise ("great, thanks" after an answer is
     * not a request for an agent).
     */
    public static boolean isConsent(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        String consent = "(yes|yeah|yep|yup|sure|ok|okay|please do|do it|go ahead|please|yes please|connect me|"
                + "get me one|an agent|a person)";
        return lower.matches("^" + consent + "([ ,.!]+" + consent + ")*[ .!]*$");
    }

    public static boolean isNo(String text) {
        return text.toLowerCase(Locale.ROOT).strip().matches(
                "^(no|nope|nah|don'?t|do not|not now|never ?mind|stop|n)\\b.*");
    }

    private static Month month(String prefix) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return month;
            }
        }
        throw new IllegalArgumentException(prefix);
    }

    private static LocalDate nextOccurrence(Month month, int day, LocalDate today) {
        LocalDate candidate = LocalDate.of(today.getYear(), month, Math.min(day, month.length(today.isLeapYear())));
        return candidate.isBefore(today) ? candidate.plusYears(1) : candidate;
    }

    /** An exact time, a window, or anything. */
    record TimePreference(LocalTime exact, LocalTime from, LocalTime until) {
        static final TimePreference ANY = new TimePreference(null, null, null);

        boolean accepts(LocalTime time) {
            if (exact != null) {
                return !time.isBefore(exact);
            }
            return (from == null || !time.isBefore(from)) && (until == null || time.isBefore(until));
        }
    }
}
