package com.genaiauto.conversations.safety;

/** A message a person must take, what kind, and how sure the detector is. */
public record Escalation(EscalationKind kind, double probability) {
}
