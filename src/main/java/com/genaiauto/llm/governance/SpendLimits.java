package com.genaiauto.llm.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The limits of an API key or of the user who owns keys; every field is optional (null: no
 * such limit). Budgets are in USD per UTC day and per UTC month; rates per minute; an empty or
 * absent model list allows every model.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SpendLimits(@DecimalMin("0") Double dailyBudgetUsd,
                          @DecimalMin("0") Double monthlyBudgetUsd,
                          OverBudget overBudget,
                          @Min(1) @Max(10_000_000) Integer requestsPerMinute,
                          @Min(1) @Max(1_000_000_000) Integer tokensPerMinute,
                          @Size(max = 200) List<String> allowedModels) {

    public static final SpendLimits NONE = new SpendLimits(null, null, OverBudget.STOP, null, null, List.of());

    public SpendLimits {
        overBudget = overBudget == null ? OverBudget.STOP : overBudget;
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }

    /** True when this model may be used; names compare without case, as aliases do. */
    public boolean allows(String model) {
        return allowedModels.isEmpty() || allowedModels.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(model));
    }

    public boolean hasBudget() {
        return dailyBudgetUsd != null || monthlyBudgetUsd != null;
    }

    // For the DAO's @BindMethods.
    public String overBudgetName() {
        return overBudget.databaseName();
    }

    public String[] allowedModelsArray() {
        return allowedModels.isEmpty() ? null : allowedModels.toArray(String[]::new);
    }
}
