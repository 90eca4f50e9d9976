package com.genaiauto.conversations.routing;

import com.genaiauto.conversations.model.Intent;

/** A routing decision: the intent, how probable it is, and which classifier decided. */
public record IntentDecision(Intent intent, double probability, Method method) {

    public enum Method { EMBEDDING, LLM, FLOW, SAFETY }
}
