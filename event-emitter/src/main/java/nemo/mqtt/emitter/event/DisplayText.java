package nemo.mqtt.emitter.event;

import com.ibm.icu.text.Transliterator;

/**
 * Text for microcontroller screens, which draw ASCII only: names and notes transliterated with ICU
 * ({@code Any-Latin; Latin-ASCII}: "Jürgen Müller" becomes "Jurgen Muller", "山田" becomes "shan tian"), what
 * is still not printable ASCII (emoji, control characters such as ESC, line breaks) dropped or made a
 * space, and runs of spaces collapsed to one, so every result is one line of printable ASCII.
 */
public final class DisplayText {

    private static final String ELLIPSIS = "...";
    /** Longer input is cut before transliterating: no field on a screen needs more. */
    private static final int MAX_INPUT_CODE_POINTS = 400;
    /** ICU's transliterator id: any script to Latin, then Latin to ASCII. */
    static final String TRANSLITERATION = "Any-Latin; Latin-ASCII";
    /** ICU transliterators are not safe for concurrent use, and costly to create: one per thread. */
    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance(TRANSLITERATION));

    private DisplayText() {}

    /** @return {@code text} as one line of printable ASCII (0x20 to 0x7E), trimmed; "" for null. */
    public static String ascii(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (text.codePointCount(0, text.length()) > MAX_INPUT_CODE_POINTS) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_INPUT_CODE_POINTS));
        }
        // ICU leaves printable ASCII as it is (DisplayTextTest checks), and most names are just that:
        // skipping it was 5% of the emitter's CPU under load
        String latin = isPrintableAscii(text) ? text : TO_ASCII.get().transliterate(text);
        StringBuilder out = new StringBuilder(latin.length());
        boolean space = true; // drops leading spaces and collapses runs
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                out.append(c);
                space = false;
            } else if ((c == ' ' || Character.isWhitespace(c) || Character.isISOControl(c)) && !space) {
                out.append(' ');
                space = true;
            }
            // anything else (emoji, symbols ICU has no Latin for) is dropped
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * A person's short form for a screen: "alice Mary smith" becomes "A. Smith", one word stays as it
     * is. Takes ASCII (see {@link #ascii}); "" stays "".
     */
    public static String shortName(String asciiName) {
        String[] words = asciiName.strip().split(" +");
        if (words.length < 2) {
            return asciiName.strip();
        }
        String last = words[words.length - 1];
        return Character.toUpperCase(words[0].charAt(0)) + ". " + Character.toUpperCase(last.charAt(0))
                + last.substring(1);
    }

    /** @return {@code text} cut to at most {@code max} characters, ending in "..." when cut; max below 4 gives "". */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max < ELLIPSIS.length() + 1) {
            return "";
        }
        return text.substring(0, max - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
    }
}
