package com.genaiauto.llm.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the model may call, described by a JSON Schema of its parameters. */
public record ToolDefinition(String name, String description, JsonNode parameters) {
}
