package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.Recordings;

/**
 * The C3D EVENT group: a real file (sample_02, Intel int16) with an EVENT group appended to its parameter
 * section (USED, TIMES as [minutes, seconds] pairs, LABELS, CONTEXTS, DESCRIPTIONS), as Vicon writes it.
 */
class C3dEventsTest {

    @TempDir
    Path dir;

    @Test
    void eventGroupGivesEventsSortedByTime() throws Exception {
        byte[] b = Files.readAllBytes(RecordingReadersTest.real("c3dio/sample_02/pc_int.c3d"));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pStart = ((b[0] & 0xff) - 1) * 512;
        int dataStart = ((buf.getShort(16) & 0xffff) - 1) * 512;
        // walk to the last record
        int off = pStart + 4;
        int lastNextField = -1;
        int end = -1;
        while (true) {
            int nameLen = Math.abs(b[off]);
            if (nameLen == 0) {
                break;
            }
            int id = b[off + 1];
            int nextField = off + 2 + nameLen;
            int next = buf.getShort(nextField);
            int body = nextField + 2;
            if (id < 0) {
                end = body + 1 + (b[body] & 0xff);
            } else {
                int type = b[body];
                int nd = b[body + 1] & 0xff;
                int count = 1;
                for (int i = 0; i < nd; i++) {
                    count *= b[body + 2 + i] & 0xff;
                }
                int desc = body + 2 + nd + count * Math.abs(type);
                end = desc + 1 + (b[desc] & 0xff);
            }
            lastNextField = nextField;
            if (next == 0) {
                break;
            }
            off = nextField + next;
        }
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        List<byte[]> records = List.of(
                group("EVENT", 40),
                param("USED", 40, 2, new int[0], le16(3)),
                param("TIMES", 40, 4, new int[] { 2, 3 }, floats(0, 1.5f, 0, 0.25f, 1, 0.5f)),
                param("LABELS", 40, -1, new int[] { 11, 3 }, text("Foot Strike", "Foot Off   ", "Foot Strike")),
                param("CONTEXTS", 40, -1, new int[] { 5, 3 }, text("Left ", "Right", "Right")),
                param("DESCRIPTIONS", 40, -1, new int[] { 4, 3 }, text("heel", "toe ", "\u00e9t\u00e9")));
        for (int i = 0; i < records.size(); i++) {
            byte[] r = records.get(i);
            int nameLen = Math.abs(r[0]);
            int nextField = 2 + nameLen;
            ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).putShort(nextField,
                    (short) (i == records.size() - 1 ? 0 : r.length - nextField));
            rec.write(r);
        }
        byte[] add = rec.toByteArray();
        assertTrue(end + add.length < dataStart, "room in the parameter section");
        buf.putShort(lastNextField, (short) (end - lastNextField));
        System.arraycopy(add, 0, b, end, add.length);
        Path f = dir.resolve("events.c3d");
        Files.write(f, b);

        Recording r = Recordings.read(f);
        List<RecordingEvent> ev = r.events();
        assertEquals(3, ev.size());
        assertEquals(new RecordingEvent("Foot Off", "Right", 0.25, "toe"), ev.get(0));
        assertEquals(new RecordingEvent("Foot Strike", "Left", 1.5, "heel"), ev.get(1));
        // minutes and seconds; Latin-1 text
        assertEquals(new RecordingEvent("Foot Strike", "Right", 60.5, "\u00e9t\u00e9"), ev.get(2));
        // the data are unchanged
        assertEquals(-7.74000013, r.signal("analog").orElseThrow().data()[0][0], 1e-6);
    }

    private static byte[] group(String name, int id) {
        ByteBuffer bb = ByteBuffer.allocate(2 + name.length() + 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) name.length()).put((byte) -id).put(name.getBytes(StandardCharsets.ISO_8859_1)).putShort(
                (short) 0).put((byte) 0);
        return bb.array();
    }

    private static byte[] param(String name, int group, int type, int[] dims, byte[] data) {
        ByteBuffer bb = ByteBuffer.allocate(2 + name.length() + 2 + 2 + dims.length + data.length + 1)
                .order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) name.length()).put((byte) group).put(name.getBytes(StandardCharsets.ISO_8859_1))
                .putShort((short) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            bb.put((byte) d);
        }
        bb.put(data).put((byte) 0);
        return bb.array();
    }

    private static byte[] le16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    private static byte[] floats(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bb.putFloat(x);
        }
        return bb.array();
    }

    private static byte[] text(String... s) {
        return String.join("", s).getBytes(StandardCharsets.ISO_8859_1);
    }
}
