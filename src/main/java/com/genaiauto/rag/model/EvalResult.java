package com.genaiauto.rag.model;

import java.util.List;

/** How one question fared: where the first expected document came, and what was retrieved. */
public record EvalResult(String questionId, String question, List<String> expected, List<String> retrieved,
                         Integer firstHitRank, double reciprocalRank, double precisionAtK, Double faithfulness) {
}
