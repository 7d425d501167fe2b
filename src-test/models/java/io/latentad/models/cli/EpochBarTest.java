package io.latentad.models.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochBarTest {
    @Test
    void offATerminalOnlyTheEpochLinesAreWritten() {
        StringWriter out = new StringWriter();
        EpochBar b = new EpochBar(new PrintWriter(out), false);
        for (int s = 1; s <= 10; s++) b.step(1, 2, s, 10);
        b.accept("epoch 1/2 loss 0.5");
        assertEquals("epoch 1/2 loss 0.5" + System.lineSeparator(), out.toString());
    }

    @Test
    void onATerminalTheBarIsDrawnInPlaceAndErasedBeforeTheLine() {
        StringWriter out = new StringWriter();
        EpochBar b = new EpochBar(new PrintWriter(out), true);
        b.step(1, 2, 10, 10); // the last step always draws
        String s = out.toString();
        assertTrue(s.startsWith("\repoch 1/2 [" + "=".repeat(30) + "] 10/10"), s);
        b.accept("epoch 1/2 loss 0.5");
        s = out.toString();
        assertTrue(s.endsWith("\r" + " ".repeat("epoch 1/2 [] 10/10".length() + 30) + "\repoch 1/2 loss 0.5" + System.lineSeparator()), s);
    }
}
