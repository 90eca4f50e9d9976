package com.genaiauto.rag.tagging;

import com.genaiauto.customers.model.VehicleModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which vehicle a document is about, read from its title, file name and text against the makes and
 * models the service knows (registered vehicles, documents already tagged). The title decides when
 * it names one model; the text only when it names one model often and no other. A document about
 * several models, or none, is general: tagged with its make when that is clear, else untagged.
 * Erring towards general is deliberate: a general manual tagged to one model would be hidden from
 * the owners of every other model, while a model's manual left general still ranks on its text.
 */
public final class VehicleInference {

    private static final Pattern YEAR_RANGE = Pattern.compile("\\b((?:19|20)\\d{2})\\s*(?:-|–|—|to|through)\\s*((?:19|20)\\d{2})\\b");
    private static final Pattern MODEL_YEAR = Pattern.compile("(?i)\\b(?:model year|MY)\\s*((?:19|20)\\d{2})\\b");
    // Words a model's name may carry that owners and manuals often leave out (an "Aster Hybrid" is an "Aster").
    private static final Set<String> DESCRIPTORS = Set.of("hybrid", "ev", "electric", "phev", "plug-in", "plugin",
            "awd", "4wd", "sport", "touring", "gt", "diesel", "petrol", "turbo", "e", "estate", "wagon", "sedan",
            "saloon", "hatchback", "coupe", "van", "plus");
    private static final int TEXT_MENTIONS = 3;

    private VehicleInference() {
    }

    /** What the inference concluded; make and model null when it could not tell. */
    public record Inferred(String make, String model, Integer yearFrom, Integer yearTo) {

        public boolean isEmpty() {
            return make == null && model == null && yearFrom == null && yearTo == null;
        }
    }

    public static Optional<Inferred> infer(String title, String fileName, Collection<String> texts,
                                           Collection<VehicleModel> catalogue) {
        String heading = (title == null ? "" : title);
        String file = fileName == null ? "" : fileName.replaceAll("[-_.]+", " ");
        Map<VehicleModel, Integer> inTitle = new LinkedHashMap<>();
        Map<VehicleModel, Integer> inText = new LinkedHashMap<>();
        for (VehicleModel model : distinctModels(catalogue)) {
            Pattern name = properNoun(model.model());
            int titleHits = count(name, heading) + count(caseless(model.model()), file);
            if (titleHits > 0) {
                inTitle.put(model, titleHits);
            }
            int textHits = 0;
            for (String text : texts) {
                textHits += count(name, text);
            }
            if (textHits > 0) {
                inText.put(model, textHits);
            }
        }
        String model = null;
        String make = null;
        if (inTitle.size() == 1) {
            VehicleModel only = inTitle.keySet().iterator().next();
            model = only.model();
            make = only.make();
        } else if (inTitle.isEmpty() && inText.size() == 1 && inText.values().iterator().next() >= TEXT_MENTIONS) {
            VehicleModel only = inText.keySet().iterator().next();
            model = only.model();
            make = only.make();
        } else {
            Set<String> makes = new LinkedHashSet<>();
            (inTitle.isEmpty() ? inText : inTitle).keySet().forEach(vehicle -> makes.add(vehicle.make()));
            make = makes.size() == 1 ? makes.iterator().next() : null;
        }
        if (make == null) {
            make = namedMake(heading + " " + file, texts, catalogue);
        }
        Integer[] years = years(heading);
        Inferred inferred = new Inferred(make, model, years[0], years[1]);
        return inferred.isEmpty() ? Optional.empty() : Optional.of(inferred);
    }

    /** The one make the title names, or the text names repeatedly and alone. */
    private static String namedMake(String title, Collection<String> texts, Collection<VehicleModel> catalogue) {
        Map<String, Integer> inTitle = new LinkedHashMap<>();
        Map<String, Integer> inText = new LinkedHashMap<>();
        for (String make : catalogue.stream().map(VehicleModel::make).distinct().toList()) {
            Pattern name = properNoun(make);
            int titleHits = count(name, title) + count(caseless(make), title);
            if (titleHits > 0) {
                inTitle.put(make, titleHits);
            }
            int textHits = texts.stream().mapToInt(text -> count(name, text)).sum();
            if (textHits > 0) {
                inText.put(make, textHits);
            }
        }
        if (inTitle.size() == 1) {
            return inTitle.keySet().iterator().next();
        }
        if (inTitle.isEmpty() && inText.size() == 1 && inText.values().iterator().next() >= 2) {
            return inText.keySet().iterator().next();
        }
        return null;
    }

    private static List<VehicleModel> distinctModels(Collection<VehicleModel> catalogue) {
        Map<String, VehicleModel> byName = new LinkedHashMap<>();
        for (VehicleModel model : catalogue) {
            if (model.model() != null && !model.model().isBlank() && model.make() != null) {
                byName.putIfAbsent(model.make().toLowerCase(Locale.ROOT) + "\u0000" + model.model().toLowerCase(Locale.ROOT),
                        model);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The name as a proper noun: any case after its first letter, which must be a capital, so a
     * model called "Leaf" is not found in "leaf spring". A name with descriptors ("Aster Hybrid")
     * is also found by its core ("Aster").
     */
    static Pattern properNoun(String name) {
        List<String> words = List.of(name.strip().split("\\s+"));
        List<String> alternatives = new ArrayList<>();
        alternatives.add(phrase(words));
        int core = words.size();
        while (core > 1 && DESCRIPTORS.contains(words.get(core - 1).toLowerCase(Locale.ROOT))) {
            core--;
        }
        if (core < words.size() && words.get(0).length() >= 3) {
            alternatives.add(phrase(words.subList(0, core)));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
    }

    private static String phrase(List<String> words) {
        List<String> parts = new ArrayList<>();
        for (String word : words) {
            String first = Pattern.quote(word.substring(0, 1).toUpperCase(Locale.ROOT));
            String rest = word.length() > 1 ? "(?i:" + Pattern.quote(word.substring(1)) + ")" : "";
            parts.add(first + rest);
        }
        return String.join("[\\s-]+", parts);
    }

    private static Pattern caseless(String name) {
        return Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + Pattern.quote(name.strip()).replace(" ", "\\E[\\s-]+\\Q")
                + "(?![\\p{L}\\p{N}])");
    }

    private static int count(Pattern pattern, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher matcher = pattern.matcher(text);
        int hits = 0;
        while (matcher.find()) {
            hits++;
        }
        return hits;
    }

    private static Integer[] years(String title) {
        Matcher range = YEAR_RANGE.matcher(title);
        if (range.find()) {
            int from = Integer.parseInt(range.group(1));
            int to = Integer.parseInt(range.group(2));
            if (from <= to) {
                return new Integer[] {from, to};
            }
        }
        Matcher single = MODEL_YEAR.matcher(title);
        if (single.find()) {
            int year = Integer.parseInt(single.group(1));
            return new Integer[] {year, year};
        }
        return new Integer[] {null, null};
    }
}
