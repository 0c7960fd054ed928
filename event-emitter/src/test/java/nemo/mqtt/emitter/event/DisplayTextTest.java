package nemo.mqtt.emitter.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;

class DisplayTextTest {

    /** What DisplayText does to text that is not all printable ASCII. */
    private static final Transliterator ICU = Transliterator.getInstance(DisplayText.TRANSLITERATION);

    @Test
    void icuLeavesPrintableAsciiAsItIsSoSkippingItChangesNothing() {
        StringBuilder every = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            every.append(c);
        }
        assertEquals(every.toString(), ICU.transliterate(every.toString()));
        Random random = new Random(16);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append((char) (0x20 + random.nextInt(0x7F - 0x20)));
            }
            assertEquals(text.toString(), ICU.transliterate(text.toString()), "ICU changed " + text);
        }
    }

    @Test
    void asciiTextKeepsItsCharactersWithSpacesCollapsed() {
        assertEquals("Alice Smith", DisplayText.ascii("  Alice   Smith "));
        assertEquals("Woollam M-2000 (bay 3) #1", DisplayText.ascii("Woollam M-2000 (bay 3) #1"));
    }

    @Test
    void textWithAnythingElseIsTransliterated() {
        assertEquals("Jurgen Muller", DisplayText.ascii("Jürgen  Müller"));
        assertEquals("Alice Smith", DisplayText.ascii("Alice\tSmith\n"));
    }
}
