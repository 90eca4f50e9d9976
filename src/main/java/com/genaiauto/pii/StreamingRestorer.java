package com.genaiauto.pii;

/**
 * Restores a streamed answer piece by piece. A placeholder may arrive split over two pieces
 * ("[EMA" + "IL_1]"), so the tail after the last blank, or from an unclosed bracket, is held back
 * until the next piece or {@link #finish()}. The output is the restored answer, delayed by at most
 * one word.
 */
public final class StreamingRestorer {

    /** Longer than any placeholder variant; a longer unbroken tail is not one and goes out. */
    private static final int MAX_HELD = 40;

    private final MaskingSession session;
    private final StringBuilder pending = new StringBuilder();

    StreamingRestorer(MaskingSession session) {
        this.session = session;
    }

    /** The restored text that is safe to emit after {@code piece}; may be empty. */
    public synchronized String push(String piece) {
        pending.append(piece);
        int cut = safeCut();
        String ready = pending.substring(0, cut);
        pending.delete(0, cut);
        return session.restore(ready);
    }

    /** Whatever is still held back, restored; call once at the end of the stream. */
    public synchronized String finish() {
        String rest = pending.toString();
        pending.setLength(0);
        return session.restore(rest);
    }

    private int safeCut() {
        int length = pending.length();
        int cut = length;
        for (int i = length - 1; i >= 0 && length - i <= MAX_HELD; i--) {
            char c = pending.charAt(i);
            if (c == ']' || c == ')' || c == '}' || c == '>') {
                break;
            }
            if (c == '[' || c == '(' || c == '{' || c == '<') {
                cut = i;
                break;
            }
        }
        int lastBlank = length - 1;
        while (lastBlank >= 0 && !Character.isWhitespace(pending.charAt(lastBlank))) {
            lastBlank--;
        }
        if (length - (lastBlank + 1) <= MAX_HELD) {
            cut = Math.min(cut, lastBlank + 1);
        }
        return cut;
    }
}
