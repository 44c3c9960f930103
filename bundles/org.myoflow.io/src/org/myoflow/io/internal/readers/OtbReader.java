package org.myoflow.io.internal.readers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * OT Bioelettronica OTB+ ({@code .otb+}): a tar archive holding one {@code .sig} file of interleaved samples
 * (all {@code DeviceTotalChannels} channels per sample, little-endian two's complement of {@code ad_bits} / 8
 * bytes) and the XML of the same name: {@code <Device Name SampleFrequency ad_bits DeviceTotalChannels>} with
 * {@code <Channels><Adapter ID Gain ChannelStartIndex><Channel ID Index .../></Adapter>...}. A channel's column is
 * {@code ChannelStartIndex + Index}; its value in mV is {@code counts * range / 2^ad_bits * 1000 / Gain} with the
 * adapter's gain and the converter range of the device (5 V for QUATTROCENTO, QUATTRO and DUE; 3.3 V for DUE+ and
 * QUATTRO+; 4.8 V otherwise), as OT Bioelettronica's own OTB+ reading scripts convert. Channels of the control
 * and quaternion adapters stay in counts. Channels no adapter describes are left out (warning).
 * <p>
 * The tar headers are checked against the file size (byte offsets in errors); the XML is parsed without DTDs or
 * external entities. Built from the documented layout: no permissively licensed OTB+ sample was available to test
 * with, so the tests build archives from that layout.
 */
@Component(service = RecordingReader.class)
public final class OtbReader implements RecordingReader {

    @Override
    public String formatId() {
        return "otb+";
    }

    @Override
    public String description() {
        return "OT Bioelettronica OTB+ (.otb+)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".otb+");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return head.length >= 512 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")
                || head.length >= 512 && head[0] != 0 && head[156] >= '0' && head[156] <= '7';
    }

    /** Converter range in V of a device, per OT Bioelettronica's conversion table. */
    static double range(String device, String adapter) {
        String a = adapter.toLowerCase(Locale.ROOT);
        if (a.startsWith("direct connection")) {
            return 5.0;
        }
        return switch (device.toUpperCase(Locale.ROOT)) {
            case "QUATTROCENTO", "QUATTRO", "DUE" -> 5.0;
            case "DUE+", "QUATTRO+" -> 3.3;
            default -> 4.8;
        };
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        byte[] all;
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataException(name + ": " + size + " bytes is larger than this reader handles (2 GB)");
            }
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        }
        Map<String, int[]> entries = new LinkedHashMap<>(); // name -> {offset, size}
        int p = 0;
        while (p + 512 <= all.length) {
            if (all[p] == 0) {
                break; // end-of-archive blocks
            }
            String n = cstr(all, p, 100);
            String prefix = new String(all, p + 257, 5, StandardCharsets.US_ASCII).equals("ustar")
                    ? cstr(all, p + 345, 155) : "";
            long len = octal(all, p + 124, 12, name, p);
            char type = (char) all[p + 156];
            long data = p + 512L;
            if (data + len > all.length) {
                throw new DataException(name + ": byte " + p + " (tar entry '" + n + "'): truncated: the entry "
                        + "states " + len + " bytes, the archive has " + (all.length - data) + " after its header");
            }
            if (type == '0' || type == 0) {
                entries.put(prefix.isEmpty() ? n : prefix + "/" + n, new int[] { (int) data, (int) len });
            }
            p = (int) (data + (len + 511) / 512 * 512);
        }
        if (p + 512 > all.length && p < all.length && all[p] != 0) {
            throw new DataException(name + ": byte " + p + ": truncated tar header");
        }
        String sig = null;
        for (String n : entries.keySet()) {
            if (n.toLowerCase(Locale.ROOT).endsWith(".sig")) {
                if (sig != null) {
                    throw new DataException(name + ": more than one .sig file ('" + sig + "', '" + n + "'): "
                            + "archives with imported acquisitions are not supported");
                }
                sig = n;
            }
        }
        if (sig == null) {
            throw new DataException(name + ": no .sig file in the archive (entries: " + entries.keySet() + ")");
        }
        String xmlName = sig.substring(0, sig.length() - 4) + ".xml";
        int[] xe = entries.get(xmlName);
        if (xe == null) {
            throw new DataException(name + ": no '" + xmlName + "' describing '" + sig + "'");
        }
        Element dev = parse(all, xe, name + " (" + xmlName + ")").getDocumentElement();
        String where = name + " (" + xmlName + ")";
        if (!dev.getTagName().equals("Device")) {
            throw new DataException(where + ": the root element is <" + dev.getTagName() + ">, expected <Device>");
        }
        String device = dev.getAttribute("Name");
        double fs = attr(dev, "SampleFrequency", where);
        int bits = (int) attr(dev, "ad_bits", where);
        int total = (int) attr(dev, "DeviceTotalChannels", where);
        if (!(fs > 0) || (bits != 16 && bits != 24) || total < 1 || total > 10_000) {
            throw new DataException(where + ": Device SampleFrequency " + fs + ", ad_bits " + bits
                    + ", DeviceTotalChannels " + total + ": expected a positive rate, 16 or 24 bits, 1..10000 "
                    + "channels");
        }
        int bps = bits / 8;
        int[] se = entries.get(sig);
        long frame = (long) total * bps;
        if (se[1] % frame != 0) {
            throw new DataException(name + ": '" + sig + "' has " + se[1] + " bytes, not a whole number of "
                    + total + "-channel samples of " + bps + " bytes (DeviceTotalChannels or ad_bits wrong?)");
        }
        int n = (int) (se[1] / frame);
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<ChannelKind> kinds = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("device", device);
        meta.put("ad_bits", Integer.toString(bits));
        meta.put("DeviceTotalChannels", Integer.toString(total));
        boolean[] used = new boolean[total];
        Map<String, Integer> seen = new HashMap<>();
        NodeList adapters = dev.getElementsByTagName("Adapter");
        for (int a = 0; a < adapters.getLength(); a++) {
            Element ad = (Element) adapters.item(a);
            String id = ad.getAttribute("ID");
            double gain = attr(ad, "Gain", where + " adapter '" + id + "'");
            int start = (int) attr(ad, "ChannelStartIndex", where + " adapter '" + id + "'");
            boolean raw = id.startsWith("AdapterControl") || id.startsWith("AdapterQuaternions");
            if (!raw && !(gain > 0)) {
                throw new DataException(where + ": adapter '" + id + "' has gain " + gain + "; expected > 0");
            }
            double scale = raw ? 1 : range(device, id) / Math.pow(2, bits) * 1000 / gain;
            meta.put("adapter " + id, "gain " + ad.getAttribute("Gain") + ", channels from " + start);
            NodeList chans = ad.getElementsByTagName("Channel");
            for (int c = 0; c < chans.getLength(); c++) {
                Element ch = (Element) chans.item(c);
                String cid = ch.getAttribute("ID");
                int col = start + (int) attr(ch, "Index", where + " channel '" + cid + "'");
                if (col < 0 || col >= total) {
                    throw new DataException(where + ": channel '" + cid + "' of adapter '" + id + "' is column "
                            + col + ", outside the " + total + " channels of the device");
                }
                if (used[col]) {
                    throw new DataException(where + ": column " + col + " is described twice (adapter '" + id
                            + "', channel '" + cid + "')");
                }
                used[col] = true;
                String base = cid.isEmpty() ? id : cid;
                int k = seen.merge(base, 1, Integer::sum);
                String label = base + "_" + k;
                double[] d = new double[n];
                int off = se[0] + col * bps;
                for (int i = 0; i < n; i++) {
                    int q = off + (int) (i * frame);
                    int v = bps == 2 ? (short) ((all[q] & 0xff) | (all[q + 1] & 0xff) << 8)
                            : (all[q] & 0xff) | (all[q + 1] & 0xff) << 8 | all[q + 2] << 16;
                    d[i] = v * scale;
                }
                labels.add(label);
                units.add(raw ? "" : "mV");
                kinds.add(raw ? ChannelKind.OTHER : ChannelKind.EMG);
                data.add(d);
            }
        }
        int unused = 0;
        for (boolean u : used) {
            unused += u ? 0 : 1;
        }
        if (unused > 0) {
            warnings.add(unused + " of " + total + " device channels are described by no adapter; left out");
        }
        if (labels.isEmpty()) {
            throw new DataException(where + ": no <Adapter> describes any <Channel>");
        }
        RecordingSignal s = new RecordingSignal("emg", fs, 0, labels, units, kinds, data.toArray(new double[0][]));
        return new Recording(file, formatId(), "OT Bioelettronica" + (device.isEmpty() ? "" : " " + device), meta,
                List.of(s), List.of(), warnings);
    }

    private static Document parse(byte[] all, int[] e, String where) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return b.parse(new ByteArrayInputStream(all, e[0], e[1]));
        } catch (SAXException | IOException x) {
            throw new DataException(where + ": not well-formed XML: " + x.getMessage(), x);
        } catch (ParserConfigurationException x) {
            throw new IllegalStateException(x);
        }
    }

    private static double attr(Element el, String a, String where) {
        String v = el.getAttribute(a).strip();
        try {
            return Double.parseDouble(v.replace(',', '.'));
        } catch (NumberFormatException x) {
            throw new DataException(where + ": attribute " + a + " of <" + el.getTagName() + "> must be a number, "
                    + "found '" + v + "'");
        }
    }

    private static String cstr(byte[] b, int off, int len) {
        int e = off;
        while (e < off + len && b[e] != 0) {
            e++;
        }
        return new String(b, off, e - off, StandardCharsets.UTF_8).strip();
    }

    private static long octal(byte[] b, int off, int len, String file, int header) {
        String s = cstr(b, off, len);
        try {
            long v = Long.parseLong(s.isEmpty() ? "0" : s, 8);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException x) {
            throw new DataException(file + ": byte " + (header + 124) + " (tar entry size): not an octal number: '"
                    + s + "'");
        }
    }
}
