package com.genaiauto.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * An owner's manual of any length, generated the way a real one reads: chapters and sections,
 * paragraphs of instructions and warnings, numbered steps and specification tables. Every
 * sentence carries its own figures, parts and conditions, so that (as in a real manual) hardly
 * two are alike and the embedding cache does not flatter an ingestion benchmark. The last section
 * states {@link #CLOSING_FACT}, which a search can find once the whole manual is in.
 */
public final class GeneratedManual {

    public static final String CLOSING_FACT = "The auxiliary coolant pump of the Halcyon tourer is secured with "
            + "four M6 bolts torqued to 9.5 Nm and primed through the bleed screw marked with a green collar.";

    /** A section: its heading path and its content as blocks. */
    public record Section(String chapter, String heading, List<Block> blocks) {
    }

    /** A block of a section. */
    public sealed interface Block permits Paragraph, Steps, Table {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Steps(List<String> items) implements Block {
    }

    public record Table(List<String[]> rows) implements Block {
    }

    private static final String[] SYSTEMS = {"Climate control", "Driver assistance", "Charging and battery",
        "Brakes", "Steering and suspension", "Lights and visibility", "Infotainment", "Seats and restraints",
        "Doors, windows and locks", "Tyres and wheels", "Engine compartment", "Towing and loads",
        "Instrument cluster", "Emergencies", "Maintenance schedule", "Body care"};
    private static final String[] COMPONENTS = {"cabin air filter", "rear wiper motor", "12-volt auxiliary battery",
        "tyre pressure sensor", "adaptive cruise radar", "brake fluid reservoir", "washer pump",
        "headlamp levelling actuator", "seat belt pretensioner", "charging port flap", "heat pump valve",
        "parking brake caliper", "lane camera", "door handle motor", "coolant expansion tank", "tailgate strut",
        "fog lamp", "blower fan", "wheel speed sensor", "high-voltage isolation monitor", "steering column lock",
        "sunroof drain", "trailer socket module", "horn relay", "rain sensor", "defroster grid",
        "key card antenna", "window regulator", "suspension height sensor", "brake pad wear indicator"};
    private static final String[] CONDITIONS = {"the outside temperature is below -10 °C",
        "the vehicle has stood unused for more than three weeks", "the road is covered with loose gravel",
        "a trailer is attached", "the traction battery is below 15 %", "the vehicle is parked on a slope",
        "the bonnet has just been closed", "the ignition is switched off", "heavy rain is falling",
        "the vehicle has been washed with a high-pressure cleaner", "a child seat is fitted",
        "the roof box is loaded", "the air conditioning is running at full power", "the vehicle is being towed"};
    private static final String[] ACTIONS = {"stop as soon as it is safe and switch the vehicle off",
        "have the system checked by an authorised workshop", "reduce speed and avoid sudden steering",
        "consult the table of fuses in this chapter", "restart the infotainment system from the settings menu",
        "check the fluid level against the MIN and MAX marks", "let the component cool for at least 30 minutes",
        "reset the warning from the vehicle settings menu", "recalibrate the sensor by driving straight ahead",
        "clean the sensor surface with a soft, lint-free cloth"};
    private static final String[] LIGHTS = {"amber service indicator", "red brake warning lamp",
        "tyre pressure symbol", "battery charge warning", "steering fault lamp", "airbag indicator",
        "coolant temperature warning", "driver assistance fault symbol", "lamp failure indicator"};
    private static final String[] UNITS = {"Nm", "bar", "amperes", "litres", "mm", "volts", "kg", "km/h"};
    private static final String[] VERBS = {"inspect", "replace", "clean", "lubricate", "tighten", "adjust", "test"};

    private final Random random;
    private int part = 1000;

    private GeneratedManual(long seed) {
        this.random = new Random(seed);
    }

    /** Sections until their text reaches {@code textBytes}, the last one stating {@link #CLOSING_FACT}. */
    public static List<Section> sections(long seed, long textBytes) {
        GeneratedManual manual = new GeneratedManual(seed);
        List<Section> sections = new ArrayList<>();
        long size = 0;
        int chapter = 0;
        while (size < textBytes) {
            chapter++;
            String chapterName = "Chapter " + chapter + ": " + SYSTEMS[(chapter - 1) % SYSTEMS.length];
            for (int s = 0; s < 6 + manual.random.nextInt(6) && size < textBytes; s++) {
                Section section = manual.section(chapterName);
                size += length(section);
                sections.add(section);
            }
        }
        sections.add(new Section("Chapter " + (chapter + 1) + ": Auxiliary systems", "Auxiliary coolant pump",
                List.of(new Paragraph(CLOSING_FACT))));
        return sections;
    }

    /** The manual as Markdown. */
    public static String markdown(long seed, long textBytes) {
        StringBuilder out = new StringBuilder("# Halcyon Owner's Manual\n\n");
        String chapter = null;
        for (Section section : sections(seed, textBytes)) {
            if (!section.chapter().equals(chapter)) {
                chapter = section.chapter();
                out.append("## ").append(chapter).append("\n\n");
            }
            out.append("### ").append(section.heading()).append("\n\n");
            for (Block block : section.blocks()) {
                if (block instanceof Paragraph paragraph) {
                    out.append(paragraph.text()).append("\n\n");
                } else if (block instanceof Steps steps) {
                    for (int i = 0; i < steps.items().size(); i++) {
                        out.append(i + 1).append(". ").append(steps.items().get(i)).append('\n');
                    }
                    out.append('\n');
                } else if (block instanceof Table table) {
                    for (int r = 0; r < table.rows().size(); r++) {
                        out.append("| ").append(String.join(" | ", table.rows().get(r))).append(" |\n");
                        if (r == 0) {
                            out.append("|---|---|---|\n");
                        }
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * The manual as a PDF of {@code fileBytes} (a little under): its text set in a heading and body
     * font as a typesetter would, and the rest of the file illustrations (incompressible images,
     * like the photographs of a printed manual; reading the text skips them).
     */
    public static byte[] pdf(long seed, long textBytes, long fileBytes) {
        List<Section> sections = sections(seed, textBytes);
        byte[] text = ManualPdf.write(sections, 0);
        return ManualPdf.write(sections, fileBytes - text.length);
    }

    private static long length(Section section) {
        long length = section.heading().length();
        for (Block block : section.blocks()) {
            if (block instanceof Paragraph paragraph) {
                length += paragraph.text().length();
            } else if (block instanceof Steps steps) {
                length += steps.items().stream().mapToInt(String::length).sum();
            } else if (block instanceof Table table) {
                length += table.rows().stream().mapToInt(row -> String.join(" | ", row).length()).sum();
            }
        }
        return length;
    }

    private Section section(String chapter) {
        String component = pick(COMPONENTS);
        String heading = capitalise(pick(VERBS)) + "ing the " + component + " (" + code() + ")";
        List<Block> blocks = new ArrayList<>();
        int paragraphs = 2 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            blocks.add(new Paragraph(paragraph(component)));
            if (random.nextInt(5) == 0) {
                blocks.add(steps(component));
            }
        }
        if (random.nextInt(4) == 0) {
            blocks.add(table(component));
        }
        return new Section(chapter, heading, blocks);
    }

    private String paragraph(String component) {
        StringBuilder text = new StringBuilder();
        int sentences = 3 + random.nextInt(5);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(sentence(random.nextInt(4) == 0 ? pick(COMPONENTS) : component));
        }
        return text.toString();
    }

    private String sentence(String component) {
        return switch (random.nextInt(9)) {
            case 0 -> "Check the " + component + " every " + thousands(5, 60) + " km or " + (6 + random.nextInt(30))
                    + " months, whichever comes first.";
            case 1 -> "If the " + pick(LIGHTS) + " comes on while driving above " + (20 + random.nextInt(110))
                    + " km/h, " + pick(ACTIONS) + ".";
            case 2 -> "The " + component + " is rated at " + figure() + " and must only be replaced with part number "
                    + code() + ".";
            case 3 -> "Do not " + pick(VERBS) + " the " + component + " while " + pick(CONDITIONS)
                    + "; the system may record fault code " + fault() + ".";
            case 4 -> "When " + pick(CONDITIONS) + ", the " + component + " can take up to " + (2 + random.nextInt(58))
                    + " seconds longer to respond.";
            case 5 -> "To " + pick(VERBS) + " the " + component + ", open the cover marked " + code() + ", then "
                    + pick(ACTIONS) + ".";
            case 6 -> "The workshop sets the " + component + " to " + figure() + " after every " + thousands(10, 90)
                    + " km, and records it in the service booklet.";
            case 7 -> "A " + component + " that has been exposed to salt water must be inspected within "
                    + (1 + random.nextInt(14)) + " days, even if no warning appears.";
            default -> "Fuse " + (1 + random.nextInt(64)) + " in the " + (random.nextBoolean() ? "dashboard" : "luggage")
                    + " compartment protects the " + component + " and is rated at " + (5 + 5 * random.nextInt(8))
                    + " amperes.";
        };
    }

    private Steps steps(String component) {
        List<String> items = new ArrayList<>();
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            items.add(capitalise(pick(VERBS)) + " the " + (i == 0 ? component : pick(COMPONENTS)) + " and "
                    + pick(ACTIONS) + " (step " + code() + ").");
        }
        return new Steps(items);
    }

    private Table table(String component) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Item", "Specification", "Interval"});
        int count = 3 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            rows.add(new String[] {capitalise(i == 0 ? component : pick(COMPONENTS)), figure(),
                    thousands(5, 90) + " km"});
        }
        return new Table(rows);
    }

    private String figure() {
        String unit = pick(UNITS);
        return String.format(Locale.ROOT, "%.1f %s", 0.5 + random.nextInt(2000) / 10.0, unit);
    }

    private String thousands(int from, int to) {
        return String.format(Locale.ROOT, "%,d", (from + random.nextInt(to - from)) * 1000);
    }

    private String code() {
        part += 1 + random.nextInt(7);
        return "HX-" + part + "-" + (char) ('A' + random.nextInt(26));
    }

    private String fault() {
        return String.format(Locale.ROOT, "P%04X", random.nextInt(0x10000));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
