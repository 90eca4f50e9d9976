package com.genaiauto.conversations.safety;

import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.Intent;
import java.util.Locale;

/**
 * What makes a message one a person must take: a hazard to someone's safety, a complaint or legal
 * threat, or a plain request for a person. {@link #NONE} for everything else.
 */
public enum EscalationKind {
    INJURY_ACCIDENT, FIRE_SMOKE, BRAKES, STEERING, AIRBAG, FUEL_LEAK, HIGH_VOLTAGE, LEGAL_COMPLAINT, HUMAN_REQUEST, NONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EscalationKind fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean hazard() {
        return this != LEGAL_COMPLAINT && this != HUMAN_REQUEST && this != NONE;
    }

    public HandoffReason reason() {
        return switch (this) {
            case LEGAL_COMPLAINT -> HandoffReason.COMPLAINT;
            case HUMAN_REQUEST -> HandoffReason.USER_REQUEST;
            default -> HandoffReason.SAFETY;
        };
    }

    /** What such a message is otherwise about: a problem with the car, or a matter for the team. */
    public Intent intent() {
        return hazard() ? Intent.TROUBLESHOOT : Intent.GENERAL;
    }
}
