package com.genaiauto.llm.model;

/**
 * Grounding material handed to the model alongside the messages: a retrieved manual passage or
 * a tool result. The extractive responder answers from these alone.
 */
public record ContextPassage(String title, String source, String text) {
}
