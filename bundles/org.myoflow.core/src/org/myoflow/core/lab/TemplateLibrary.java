package org.myoflow.core.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A lab's shared library of pipeline templates: a folder whose templates are either a single experiment file
 * {@code <name>.myoflow} or a folder {@code <name>/} holding {@code <name>.myoflow} and the files it reads (paths in
 * the experiment are relative to it). A user gets a copy with {@link #copy}; the library itself is never changed.
 *
 * @since 0.3
 */
public final class TemplateLibrary {

    /** File extension of experiment files. */
    public static final String EXTENSION = ".myoflow";

    /**
     * One template.
     *
     * @param name        the template's name (the file or folder name without {@value #EXTENSION})
     * @param description the experiment's description attribute (empty when it has none)
     * @param file        the experiment file
     * @param folder      the template's folder when it comes with data files, else null
     */
    public record Template(String name, String description, Path file, Path folder) {
    }

    private final Path folder;

    /** The library in {@code folder} (it need not exist: the library is then empty). */
    public TemplateLibrary(Path folder) {
        this.folder = folder;
    }

    /** The library folder (null when no library is configured). */
    public Path folder() {
        return folder;
    }

    /** The templates by name; entries that are neither form are skipped. */
    public List<Template> list() {
        List<Template> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path p : entries) {
            String f = p.getFileName().toString();
            if (f.startsWith(".")) {
                continue;
            }
            if (f.endsWith(EXTENSION) && Files.isRegularFile(p)) {
                String name = f.substring(0, f.length() - EXTENSION.length());
                out.add(new Template(name, description(p), p, null));
            } else if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(f + EXTENSION))) {
                out.add(new Template(f, description(p.resolve(f + EXTENSION)), p.resolve(f + EXTENSION), p));
            }
        }
        out.sort(Comparator.comparing(Template::name));
        return out;
    }

    /** The template of that name. */
    public Optional<Template> find(String name) {
        return list().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Copies a template into {@code dir} (created when missing): the experiment file, and for a folder template
     * every file of the folder at the same relative place. Nothing is overwritten: when any target file exists,
     * nothing is copied.
     *
     * @return the copied experiment file
     * @throws FileAlreadyExistsException naming the first target file that exists
     * @throws IOException                when a file cannot be read or written
     */
    public static Path copy(Template t, Path dir) throws IOException {
        List<Path[]> plan = new ArrayList<>();
        if (t.folder() == null) {
            plan.add(new Path[] { t.file(), dir.resolve(t.file().getFileName().toString()) });
        } else {
            try (Stream<Path> s = Files.walk(t.folder())) {
                for (Path f : s.sorted().toList()) {
                    if (Files.isSymbolicLink(f)) {
                        throw new IOException("the template " + t.name() + " holds a symbolic link (" + f
                                + "); a template's files must be plain files");
                    }
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        plan.add(new Path[] { f, dir.resolve(t.folder().relativize(f).toString()) });
                    }
                }
            }
        }
        for (Path[] p : plan) {
            if (Files.exists(p[1], LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(p[1].toString(), null,
                        "exists; the template is not copied (nothing is overwritten)");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "is a file, not a folder");
        }
        Path main = null;
        for (Path[] p : plan) {
            Files.createDirectories(p[1].getParent());
            // copy the bytes only: the library's files are read-only, the user's copy must be theirs to edit
            try (InputStream in = Files.newInputStream(p[0])) {
                Files.copy(in, p[1]);
            }
            if (p[0].equals(t.file())) {
                main = p[1];
            }
        }
        if (main == null) {
            throw new NoSuchFileException(t.file().toString());
        }
        return main;
    }

    private static final Pattern DESCRIPTION = Pattern.compile("\\sdescription\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    /**
     * The {@code description} attribute of an experiment file's root element (XML entities decoded), or empty when it
     * has none or the file cannot be read. Reads the file's head only.
     */
    public static String description(Path experiment) {
        byte[] head;
        try (InputStream in = Files.newInputStream(experiment)) {
            head = in.readNBytes(256 * 1024);
        } catch (IOException e) {
            return "";
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int i = 0;
        while (true) {
            i = text.indexOf('<', i);
            if (i < 0 || i + 1 >= text.length()) {
                return "";
            }
            char c = text.charAt(i + 1);
            if (c != '?' && c != '!') {
                break;
            }
            i++;
        }
        int end = text.indexOf('>', i);
        if (end < 0) {
            return "";
        }
        Matcher m = DESCRIPTION.matcher(text.substring(i, end));
        if (!m.find()) {
            return "";
        }
        return unescape(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i) {
                String ent = s.substring(i + 1, semi);
                String rep = switch (ent) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> {
                        try {
                            if (ent.startsWith("#x")) {
                                yield Character.toString(Integer.parseInt(ent.substring(2), 16));
                            } else if (ent.startsWith("#")) {
                                yield Character.toString(Integer.parseInt(ent.substring(1)));
                            }
                        } catch (IllegalArgumentException e) {
                            // not an entity: keep the text
                        }
                        yield null;
                    }
                };
                if (rep != null) {
                    b.append(rep);
                    i = semi + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }
}
