package org.myoflow.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A simple p2 repository as Tycho and the Eclipse p2 publisher write it: {@code content.jar} (or
 * {@code content.xml}) with the installable units and {@code artifacts.jar} (or {@code artifacts.xml}) with the
 * artifacts and the mapping rules that give their locations. It may be a folder, a {@code file:} or {@code http(s):}
 * URL, or a zip archive of such a folder. Composite repositories and XZ-only metadata are not read (their message
 * says so). Only what {@code admin install} needs: units with their bundle artifact and their required units.
 */
final class P2Repository {

    /** A malformed or unreadable repository; the message names the repository and the file. */
    static final class RepositoryException extends Exception {
        private static final long serialVersionUID = 1L;

        RepositoryException(String message) {
            super(message);
        }
    }

    /**
     * An installable unit.
     *
     * @param id       its id
     * @param version  its version
     * @param bundle   true when it has an {@code osgi.bundle} artifact (a plug-in jar)
     * @param requires the units it requires (namespace {@code org.eclipse.equinox.p2.iu}), name to range
     * @param name     its display name, or null
     */
    record Unit(String id, Version version, boolean bundle, Map<String, VersionRange> requires, String name) {
    }

    /** An artifact: its key, its location rule output, its SHA-256 (or null) and size (or -1). */
    record Artifact(String classifier, String id, Version version, String sha256, long size) {
    }

    private interface Source {
        /** Opens a file of the repository; NoSuchFileException when it has none. */
        InputStream open(String relative) throws IOException;

        /** Opens an absolute location (a rule whose output does not start with ${repoUrl}). */
        InputStream openAbsolute(String location) throws IOException;
    }

    private final String description;
    private final Source source;
    private final List<Unit> units = new ArrayList<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<String[]> rules = new ArrayList<>();

    private P2Repository(String description, Source source) {
        this.description = description;
        this.source = source;
    }

    /** The repository at {@code location}: a folder, a zip file, or a file:/http:/https: URL. */
    static P2Repository open(String location) throws RepositoryException {
        Source src;
        if (location.matches("(?i)(file|https?):.*")) {
            URI uri;
            try {
                uri = new URI(location.endsWith("/") ? location : location + "/");
            } catch (URISyntaxException e) {
                throw new RepositoryException("the repository URL '" + location + "' is not valid: " + e.getMessage());
            }
            if (uri.getScheme().equalsIgnoreCase("file")) {
                Path p = Path.of(uri);
                if (!Files.isDirectory(p)) {
                    return open(p.toString());
                }
            }
            src = uriSource(uri);
        } else {
            Path p = Path.of(location).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                src = uriSource(p.toUri());
            } else if (Files.isRegularFile(p)) {
                src = zipSource(p);
            } else {
                throw new RepositoryException("the repository " + location + " does not exist (give a folder, a zip"
                        + " file or a file:/http: URL of a p2 repository)");
            }
        }
        P2Repository r = new P2Repository(location, src);
        r.read();
        return r;
    }

    private static Source uriSource(URI base) {
        return new Source() {
            @Override
            public InputStream open(String relative) throws IOException {
                URI u = base.resolve(relative);
                try {
                    if ("file".equalsIgnoreCase(u.getScheme())) {
                        return Files.newInputStream(Path.of(u));
                    }
                    return u.toURL().openStream();
                } catch (FileNotFoundException e) {
                    throw new NoSuchFileException(u.toString());
                }
            }

            @Override
            public InputStream openAbsolute(String location) throws IOException {
                return URI.create(location).toURL().openStream();
            }
        };
    }

    private static Source zipSource(Path zip) throws RepositoryException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            // a zipped repository may hold its files in one top folder
            String prefix = "";
            if (z.getEntry("content.jar") == null && z.getEntry("content.xml") == null) {
                for (var en = z.entries(); en.hasMoreElements();) {
                    String n = en.nextElement().getName();
                    if (n.endsWith("/content.jar") || n.endsWith("/content.xml")) {
                        prefix = n.substring(0, n.lastIndexOf('/') + 1);
                        break;
                    }
                }
            }
            String top = prefix;
            return new Source() {
                @Override
                public InputStream open(String relative) throws IOException {
                    try (ZipFile f = new ZipFile(zip.toFile())) {
                        ZipEntry e = f.getEntry(top + relative);
                        if (e == null) {
                            throw new NoSuchFileException(zip + "!/" + top + relative);
                        }
                        try (InputStream in = f.getInputStream(e)) {
                            return new ByteArrayInputStream(in.readAllBytes());
                        }
                    }
                }

                @Override
                public InputStream openAbsolute(String location) throws IOException {
                    return URI.create(location).toURL().openStream();
                }
            };
        } catch (IOException e) {
            throw new RepositoryException("the repository " + zip + " is neither a folder nor a readable zip file: "
                    + e.getMessage());
        }
    }

    /** content.jar/xml and artifacts.jar/xml into units, artifacts and rules. */
    private void read() throws RepositoryException {
        Element content = metadata("content");
        for (Element u : children(child(content, "units"), "unit")) {
            String id = u.getAttribute("id");
            Version v = version(u.getAttribute("version"), "content", id);
            boolean bundle = false;
            for (Element a : children(child(u, "artifacts"), "artifact")) {
                bundle |= "osgi.bundle".equals(a.getAttribute("classifier"));
            }
            Map<String, VersionRange> req = new LinkedHashMap<>();
            for (Element r : children(child(u, "requires"), "required")) {
                // optional requirements (source bundles, filtered extras) are not installed
                if ("org.eclipse.equinox.p2.iu".equals(r.getAttribute("namespace"))
                        && !"true".equals(r.getAttribute("optional"))) {
                    String range = r.getAttribute("range");
                    try {
                        req.put(r.getAttribute("name"), new VersionRange(range.isEmpty() ? "0.0.0" : range));
                    } catch (IllegalArgumentException e) {
                        throw new RepositoryException("the repository " + description + ": unit " + id
                                + " requires " + r.getAttribute("name") + " in the bad range '" + range + "'");
                    }
                }
            }
            String name = null;
            for (Element p : children(child(u, "properties"), "property")) {
                if ("org.eclipse.equinox.p2.name".equals(p.getAttribute("name"))) {
                    name = p.getAttribute("value");
                }
            }
            units.add(new Unit(id, v, bundle, req, name));
        }
        Element arts = metadata("artifacts");
        for (Element r : children(child(arts, "mappings"), "rule")) {
            rules.add(new String[] { r.getAttribute("filter"), r.getAttribute("output") });
        }
        for (Element a : children(child(arts, "artifacts"), "artifact")) {
            String sha = null;
            long size = -1;
            for (Element p : children(child(a, "properties"), "property")) {
                switch (p.getAttribute("name")) {
                    case "download.checksum.sha-256" -> sha = p.getAttribute("value");
                    case "download.size" -> {
                        try {
                            size = Long.parseLong(p.getAttribute("value"));
                        } catch (NumberFormatException e) {
                            size = -1;
                        }
                    }
                    default -> {
                        // other properties are not needed
                    }
                }
            }
            artifacts.add(new Artifact(a.getAttribute("classifier"), a.getAttribute("id"),
                    version(a.getAttribute("version"), "artifacts", a.getAttribute("id")), sha, size));
        }
    }

    private Version version(String text, String file, String id) throws RepositoryException {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("the repository " + description + ": " + file + " gives " + id
                    + " the bad version '" + text + "'");
        }
    }

    /** The root element of {@code <name>.jar} (its {@code <name>.xml} entry) or {@code <name>.xml}. */
    private Element metadata(String name) throws RepositoryException {
        byte[] xml = null;
        try (InputStream in = source.open(name + ".jar"); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                if (e.getName().equals(name + ".xml")) {
                    xml = z.readAllBytes();
                    break;
                }
            }
            if (xml == null) {
                throw new RepositoryException("the repository " + description + ": " + name + ".jar holds no "
                        + name + ".xml");
            }
        } catch (NoSuchFileException e) {
            try (InputStream in = source.open(name + ".xml")) {
                xml = in.readAllBytes();
            } catch (NoSuchFileException e2) {
                throw new RepositoryException(missing(name));
            } catch (IOException e2) {
                throw new RepositoryException("the repository " + description + ": cannot read " + name + ".xml: "
                        + e2.getMessage());
            }
        } catch (IOException e) {
            throw new RepositoryException("the repository " + description + ": cannot read " + name + ".jar: "
                    + e.getMessage());
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(new ByteArrayInputStream(xml));
            return d.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new RepositoryException("the repository " + description + ": " + name + " metadata is not valid"
                    + " XML: " + e.getMessage());
        }
    }

    private String missing(String name) {
        for (String other : new String[] { name + ".xml.xz", "composite" + Character.toUpperCase(name.charAt(0))
                + name.substring(1) + ".jar", "composite" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
                + ".xml" }) {
            try (InputStream in = source.open(other)) {
                return "the repository " + description + " has " + other + " but no " + name + ".jar or " + name
                        + ".xml; admin install reads simple repositories with jar or xml metadata (Tycho writes both)";
            } catch (IOException e) {
                // not that either
            }
        }
        return "no p2 repository at " + description + " (no " + name + ".jar or " + name + ".xml)";
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList l = parent.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            if (l.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    String description() {
        return description;
    }

    List<Unit> units() {
        return units;
    }

    /** The highest version of the unit {@code id} within {@code range} (any version when null), or null. */
    Unit unit(String id, VersionRange range) {
        return units.stream().filter(u -> u.id().equals(id) && (range == null || range.includes(u.version())))
                .max(Comparator.comparing(Unit::version)).orElse(null);
    }

    /** The bundle artifact of a unit, or null. */
    Artifact bundleArtifact(Unit u) {
        return artifacts.stream().filter(a -> a.classifier().equals("osgi.bundle") && a.id().equals(u.id())
                && a.version().equals(u.version())).findFirst().orElse(null);
    }

    /** Opens an artifact at the location the first matching mapping rule gives. */
    InputStream openArtifact(Artifact a) throws IOException, RepositoryException {
        for (String[] rule : rules) {
            if (matches(rule[0], a)) {
                String out = rule[1].replace("${id}", a.id()).replace("${version}", a.version().toString())
                        .replace("${classifier}", a.classifier());
                if (out.startsWith("${repoUrl}/")) {
                    return source.open(out.substring("${repoUrl}/".length()));
                }
                if (out.contains("${")) {
                    throw new RepositoryException("the repository " + description + ": the mapping rule '" + rule[1]
                            + "' uses a variable admin install does not know");
                }
                return source.openAbsolute(out);
            }
        }
        throw new RepositoryException("the repository " + description + " has no mapping rule for " + a.classifier()
                + " " + a.id() + " " + a.version());
    }

    /**
     * Whether an LDAP-style filter of equality terms ({@code (& (classifier=osgi.bundle) (format=packed))}) matches
     * the artifact: every term must be classifier, id or version with the artifact's value; any other attribute
     * (such as {@code format}) does not match a canonical artifact.
     */
    static boolean matches(String filter, Artifact a) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(\\s*([\\w.-]+)\\s*=\\s*([^()]*?)\\s*\\)")
                .matcher(filter);
        boolean any = false;
        while (m.find()) {
            any = true;
            String key = m.group(1);
            String value = m.group(2);
            String actual = switch (key) {
                case "classifier" -> a.classifier();
                case "id" -> a.id();
                case "version" -> a.version().toString();
                default -> null;
            };
            if (actual == null || !(value.equals("*") || value.equals(actual))) {
                return false;
            }
        }
        return any;
    }
}
