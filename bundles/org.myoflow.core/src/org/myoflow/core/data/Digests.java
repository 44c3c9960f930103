package org.myoflow.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 helpers shared by data types, the result cache and provenance.
 *
 * @since 0.1
 */
public final class Digests {

    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static String sha256(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return hex(md.digest());
    }

    /** Digest of a type id, a table and metadata (metadata in key order, so map order does not matter). */
    public static String of(DataType type, NumericTable table, Map<String, Object> metadata) {
        MessageDigest md = sha256();
        md.update(type.id().getBytes(StandardCharsets.UTF_8));
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(table.rows()).putInt(table.cols());
        md.update(head.array());
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : table.values()) {
            if (!buf.hasRemaining()) {
                md.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(v);
        }
        md.update(buf.array(), 0, buf.position());
        md.update(canonical(metadata).getBytes(StandardCharsets.UTF_8));
        return hex(md.digest());
    }

    /** A canonical text form of a JSON-like value (maps sorted by key). */
    public static String canonical(Object value) {
        StringBuilder sb = new StringBuilder();
        appendCanonical(sb, value);
        return sb.toString();
    }

    private static void appendCanonical(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sb.append('{');
            sorted.forEach((k, v) -> {
                sb.append(k).append('=');
                appendCanonical(sb, v);
                sb.append(';');
            });
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (Object o : list) {
                appendCanonical(sb, o);
                sb.append(',');
            }
            sb.append(']');
        } else if (value instanceof Double d) {
            sb.append(Double.doubleToLongBits(d));
        } else {
            sb.append(value);
        }
    }
}
