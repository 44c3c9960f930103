package org.myoflow.musculoskeletal.opensim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** DOM helpers for {@code .osim} files: a parser with DTDs and external entities disabled, child look-ups. */
final class Xml {

    private Xml() {
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(file.toFile());
        } catch (SAXException e) {
            throw new DataException(file + ": not a readable OpenSim XML file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser: " + e.getMessage(), e);
        }
    }

    /** The element children of {@code e}. */
    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first element child named {@code tag}, or null. */
    static Element child(Element e, String tag) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    /** Follows a chain of child tags; null when one is missing. */
    static Element path(Element e, String... tags) {
        Element c = e;
        for (String t : tags) {
            c = child(c, t);
            if (c == null) {
                return null;
            }
        }
        return c;
    }

    /** The members of a set: the children of {@code set/objects}, or of {@code set} itself (4.x lists). */
    static List<Element> members(Element set) {
        if (set == null) {
            return List.of();
        }
        Element objects = child(set, "objects");
        return children(objects != null ? objects : set);
    }

    static String text(Element e, String tag) {
        Element c = child(e, tag);
        return c == null ? null : c.getTextContent().trim();
    }

    static String name(Element e) {
        return e.getAttribute("name");
    }

    static double number(Element e, String tag, double dflt, String where) {
        String s = text(e, tag);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            throw new DataException(where + ": <" + tag + "> is not a number: " + Excerpt.quoted(s));
        }
    }

    static double[] numbers(String s, String where) {
        if (s == null || s.isBlank()) {
            return new double[0];
        }
        String[] parts = s.trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException ex) {
                throw new DataException(where + ": " + Excerpt.quoted(parts[i]) + " is not a number");
            }
        }
        return v;
    }

    static double[] vec3(Element e, String tag, String where) {
        String s = text(e, tag);
        if (s == null || s.isEmpty()) {
            return new double[3];
        }
        double[] v = numbers(s, where + " <" + tag + ">");
        if (v.length != 3) {
            throw new DataException(where + ": <" + tag + "> needs 3 numbers, has " + v.length);
        }
        return v;
    }

    static boolean bool(Element e, String tag, boolean dflt) {
        String s = text(e, tag);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        return s.equalsIgnoreCase("true") || s.equals("1");
    }
}
