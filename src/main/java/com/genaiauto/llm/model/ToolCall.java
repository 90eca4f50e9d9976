package com.genaiauto.llm.model;

/** A model asking for a function to be run, with its arguments as a JSON text. */
public record ToolCall(String id, String name, String argumentsJson) {
}
