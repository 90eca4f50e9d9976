package com.genaiauto.rag.tagging;

import com.genaiauto.rag.model.DocumentType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of a document whose uploader did not say, from the words its title (or file name) uses
 * for itself: the generic vocabulary of manufacturers' documents, in order of precedence (a
 * "Recall notice — troubleshooting" is a bulletin first).
 */
public final class DocumentTypes {

    private record Rule(DocumentType type, Pattern words) {
    }

    private static final List<Rule> RULES = List.of(
            rule(DocumentType.SERVICE_BULLETIN, "recall|bulletin|campaign|field (fix|action)|service action|technical service|tsb"),
            rule(DocumentType.WARRANTY, "warrant(y|ies)|guarantee|roadside|assistance program|coverage"),
            rule(DocumentType.FAQ, "faq|frequently asked|questions and answers|q ?& ?a"),
            rule(DocumentType.TROUBLESHOOTING, "troubleshoot|problems?|fault[- ]finding|diagnos|what to do if|if your .* (won.?t|does not)|symptoms?"),
            rule(DocumentType.SPEC_SHEET, "specifications?|spec sheet|technical data|dimensions|capacities"));

    private DocumentTypes() {
    }

    private static Rule rule(DocumentType type, String words) {
        return new Rule(type, Pattern.compile("(?<![a-z])(" + words + ")"));
    }

    public static DocumentType infer(String title, String fileName) {
        String text = ((title == null ? "" : title) + " " + (fileName == null ? "" : fileName.replaceAll("[-_.]+", " ")))
                .toLowerCase(Locale.ROOT);
        return RULES.stream().filter(rule -> rule.words().matcher(text).find()).map(Rule::type).findFirst()
                .orElse(DocumentType.MANUAL);
    }
}
