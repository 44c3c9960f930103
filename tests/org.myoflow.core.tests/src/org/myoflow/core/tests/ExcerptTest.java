package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Excerpt;

/** Excerpts of file content in messages: short, escaped, cut with an ellipsis (issue 19). */
class ExcerptTest {

    @Test
    void shortPrintableTextIsUnchanged() {
        assertEquals("biceps [mV]", Excerpt.of("biceps [mV]"));
        assertEquals("'µV'", Excerpt.quoted("µV"));
        assertEquals("", Excerpt.of(""));
        assertEquals("null", Excerpt.of(null));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\nb\\rc\\td\\x00e\\x1bf\\x7f\\\\", Excerpt.of("a\nb\rc\td\u0000e\u001bf\u007f\\"));
        assertEquals("\\u202eevil\\u0085", Excerpt.of("\u202eevil\u0085"), "bidi override and C1 control");
        assertEquals("x\\udc00y", Excerpt.of("x\udc00y"), "a lone surrogate");
        assertEquals("😀", Excerpt.of("😀"), "a pair is kept");
    }

    @Test
    void longTextIsCutAtFortyCharacters() {
        String line = "root:$6$rounds=5000$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::";
        String e = Excerpt.of(line);
        assertEquals(line.substring(0, Excerpt.MAX) + "…", e);
        assertEquals(Excerpt.MAX, Excerpt.of("x".repeat(Excerpt.MAX)).length(), "exactly MAX: no ellipsis");
        assertEquals("ab…", Excerpt.of("abc", 2));
        assertEquals(Excerpt.MAX_MESSAGE + 1, Excerpt.message("y".repeat(1000)).length());
        assertEquals("a…", Excerpt.of("a😀", 1), "a pair is not split");
    }
}
