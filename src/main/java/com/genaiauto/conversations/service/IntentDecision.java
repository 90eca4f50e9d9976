package com.genaiauto.conversations.service;

import com.genaiauto.conversations.model.Intent;

/** A routing decision: the intent, how sure the classifier is, and which classifier decided. */
public record IntentDecision(Intent intent, double confidence, String method) {
}
