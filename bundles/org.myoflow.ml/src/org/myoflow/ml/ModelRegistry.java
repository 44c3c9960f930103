package org.myoflow.ml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where trained models live and how they are found. A model is a folder {@code <root>/<name>/} holding
 * {@code model.onnx} and its card {@code model.json}. Roots are searched in order, the first holding a name
 * wins:
 * <ol>
 * <li>{@link Source#USER}: system property {@value #USER_PROPERTY}, else environment {@code MYOFLOW_MODELS}, else
 * {@code ~/.myoflow/models};</li>
 * <li>{@link Source#SHARED} (a lab's shared folder): system property {@value #SHARED_PROPERTY}, else environment
 * {@code MYOFLOW_SHARED_MODELS}, else the Eclipse preference {@value #PREFERENCE_KEY} of node
 * {@value #PREFERENCE_NODE} (configuration scope, then instance scope), else the {@code models} entry of the lab
 * file ({@link org.myoflow.core.lab.LabConfig}), else none;</li>
 * <li>{@link Source#INSTALLATION}: system property {@value #INSTALL_PROPERTY}, else {@code ${myoflow.home}/models}
 * (the {@code myoflow} script sets {@code myoflow.home}), else none.</li>
 * </ol>
 * {@link #resolve} verifies a model before use: card parsed, {@code model.onnx}'s SHA-256 equal to the card's, the
 * card's signature compatible with the caller's, and the signature ONNX Runtime reads from the file equal to the
 * card's (so a card that lies about its file is caught).
 *
 * @since 0.1
 */
public final class ModelRegistry {

    /** System property: the user's model folder. */
    public static final String USER_PROPERTY = "myoflow.models.user";
    /** System property: the lab-shared model folder. */
    public static final String SHARED_PROPERTY = "myoflow.models.shared";
    /** System property: the installation's model folder. */
    public static final String INSTALL_PROPERTY = "myoflow.models.install";
    /** Preference node holding {@link #PREFERENCE_KEY}. */
    public static final String PREFERENCE_NODE = "org.myoflow.ml";
    /** Preference key naming the lab-shared model folder. */
    public static final String PREFERENCE_KEY = "sharedModelsFolder";
    /** File name of the model inside a model folder. */
    public static final String ONNX_FILE = "model.onnx";

    /** Which root a model comes from. */
    public enum Source {
        USER, SHARED, INSTALLATION
    }

    /**
     * One root folder.
     *
     * @param source its kind
     * @param path   the folder (it need not exist)
     */
    public record Root(Source source, Path path) {
    }

    /**
     * A model folder found in a root. Nothing has been verified yet.
     *
     * @param name   model name (the folder name)
     * @param source the root's kind
     * @param folder the model folder
     * @param active true for the first of its name in lookup order; false when shadowed by an earlier root
     */
    public record ModelEntry(String name, Source source, Path folder, boolean active) {

        /** {@code model.onnx} in the folder. */
        public Path onnxFile() {
            return folder.resolve(ONNX_FILE);
        }

        /** {@code model.json} in the folder. */
        public Path cardFile() {
            return folder.resolve(ModelCard.FILE_NAME);
        }

        /** Parses the card (no other check). */
        public ModelCard card() {
            return ModelCard.read(cardFile());
        }
    }

    /**
     * A verified model: card, file and digest checked.
     *
     * @param entry  where it was found
     * @param card   its card
     * @param sha256 digest of {@code model.onnx} (equal to the card's)
     */
    public record ResolvedModel(ModelEntry entry, ModelCard card, String sha256) {

        /** The shared ONNX Runtime session for this model. */
        public OnnxModel open() {
            return OnnxSessions.open(entry.onnxFile(), sha256);
        }
    }

    private final List<Root> roots;

    /**
     * A registry over explicit folders (any may be null: that root is skipped).
     */
    public ModelRegistry(Path user, Path shared, Path installation) {
        List<Root> r = new ArrayList<>();
        if (user != null) {
            r.add(new Root(Source.USER, user));
        }
        if (shared != null) {
            r.add(new Root(Source.SHARED, shared));
        }
        if (installation != null) {
            r.add(new Root(Source.INSTALLATION, installation));
        }
        this.roots = List.copyOf(r);
    }

    /** The registry over the folders configured by system properties, environment and preferences. */
    public static ModelRegistry fromEnvironment() {
        return new ModelRegistry(userFolder(), sharedFolder(), installationFolder());
    }

    /** What a model name may be: a folder name of letters, digits, '.', '_' or '-', starting alphanumeric, ≤ 64. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /**
     * The problems of a {@code saveAs}-style parameter naming a model to save (none when empty or a valid name), for
     * a step's {@link org.myoflow.core.spi.CheckedSettings#check()}.
     */
    public static java.util.List<org.myoflow.core.spi.ParameterSchema.Problem> checkSaveAs(String parameter,
            String name) {
        if (name.isEmpty() || name.matches(NAME_PATTERN)) {
            return java.util.List.of();
        }
        return java.util.List.of(new org.myoflow.core.spi.ParameterSchema.Problem(parameter, parameter + " '" + name
                + "' must be a model name of letters, digits, '.', '_' or '-' (at most 64)"));
    }

    /** The user's model folder (default output of training). */
    public static Path userFolder() {
        String d = firstNonBlank(System.getProperty(USER_PROPERTY), System.getenv("MYOFLOW_MODELS"));
        return d != null ? Path.of(d) : Path.of(System.getProperty("user.home"), ".myoflow", "models");
    }

    /** The lab-shared model folder, or null when none is configured. */
    public static Path sharedFolder() {
        String d = firstNonBlank(System.getProperty(SHARED_PROPERTY), System.getenv("MYOFLOW_SHARED_MODELS"),
                SharedFolderPreference.read());
        if (d != null) {
            return Path.of(d);
        }
        try {
            return org.myoflow.core.lab.LabConfig.current().models();
        } catch (org.myoflow.core.lab.LabConfig.InvalidLabFile e) {
            // the command line reports a bad lab file once at start; a registry lookup goes on without it
            return null;
        }
    }

    /** The installation's model folder, or null when neither property is set. */
    public static Path installationFolder() {
        String d = firstNonBlank(System.getProperty(INSTALL_PROPERTY));
        if (d != null) {
            return Path.of(d);
        }
        String home = firstNonBlank(System.getProperty("myoflow.home"));
        return home != null ? Path.of(home, "models") : null;
    }

    /** The roots in lookup order. */
    public List<Root> roots() {
        return roots;
    }

    /**
     * Every model folder (a sub-folder holding {@code model.json}) of every root, in lookup order and by name within
     * a root; the first of each name is {@link ModelEntry#active() active}. Unreadable roots are skipped.
     */
    public List<ModelEntry> list() {
        List<ModelEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Root root : roots) {
            if (!Files.isDirectory(root.path())) {
                continue;
            }
            List<Path> folders;
            try (Stream<Path> s = Files.list(root.path())) {
                folders = s.filter(p -> Files.isRegularFile(p.resolve(ModelCard.FILE_NAME))).sorted().toList();
            } catch (IOException e) {
                continue;
            }
            for (Path f : folders) {
                String name = f.getFileName().toString();
                out.add(new ModelEntry(name, root.source(), f, seen.add(name)));
            }
        }
        return out;
    }

    /**
     * The model file of the active entry of that name, hashed (no ONNX Runtime involved): what the engine records
     * when it plans a pipeline. The card's digest is null when the card cannot be read; the step that opens the
     * model reports why.
     *
     * @throws ModelException NOT_FOUND when the folder has a card but no {@value #ONNX_FILE}, LOAD_FAILED when the
     *                        file cannot be read
     */
    public Optional<org.myoflow.core.spi.ModelFile> modelFile(String name) {
        return find(name).map(ModelRegistry::modelFile);
    }

    /** The model file of an entry, hashed (see {@link #modelFile(String)}). */
    public static org.myoflow.core.spi.ModelFile modelFile(ModelEntry e) {
        if (!Files.isRegularFile(e.onnxFile())) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, e.onnxFile() + ": model '" + e.name()
                    + "' has a card but no " + ONNX_FILE);
        }
        String cardSha;
        try {
            cardSha = e.card().onnxSha256();
        } catch (ModelException ex) {
            cardSha = null;
        }
        return new org.myoflow.core.spi.ModelFile(e.name(), e.source().name(), e.folder(), e.onnxFile(),
                sha256(e.onnxFile()), cardSha);
    }

    /**
     * This registry as the engine's model resolver ({@code RunOptions.models}): names resolve to the active
     * folder's {@value #ONNX_FILE}, hashed; new models are saved to the user folder.
     */
    public org.myoflow.core.spi.ModelResolver resolver() {
        ModelRegistry self = this;
        return new org.myoflow.core.spi.ModelResolver() {
            @Override
            public Optional<org.myoflow.core.spi.ModelFile> find(String name) {
                return self.modelFile(name);
            }

            @Override
            public List<String> searched() {
                return self.roots.stream().map(r -> r.source() + " " + r.path()).toList();
            }

            @Override
            public Optional<Path> saveFolder() {
                return self.roots.stream().filter(r -> r.source() == Source.USER).map(Root::path).findFirst();
            }

            @Override
            public String toString() {
                return "model registry " + searched();
            }
        };
    }

    /** The active entry of that name (first in lookup order), unverified. */
    public Optional<ModelEntry> find(String name) {
        for (Root root : roots) {
            Path f = root.path().resolve(name);
            if (isSafeName(name) && Files.isRegularFile(f.resolve(ModelCard.FILE_NAME))) {
                return Optional.of(new ModelEntry(name, root.source(), f, true));
            }
        }
        return Optional.empty();
    }

    /**
     * Finds and fully verifies a model for a caller that needs {@code required}.
     *
     * @param required the signature the caller feeds and reads (null: no check against the caller)
     * @throws ModelException NOT_FOUND (listing the folders searched), MALFORMED_CARD, CORRUPTED,
     *                        SIGNATURE_MISMATCH or LOAD_FAILED
     */
    public ResolvedModel resolve(String name, ModelSignature required) {
        ModelEntry e = find(name).orElseThrow(() -> new ModelException(ModelException.Kind.NOT_FOUND,
                "no model '" + name + "' in " + roots.stream().map(r -> r.source() + " " + r.path()).toList()));
        return verify(e, required);
    }

    /**
     * Verifies one entry: card, digest, signature against {@code required} (when not null) and the card against the
     * signature ONNX Runtime reads from the file.
     */
    public static ResolvedModel verify(ModelEntry e, ModelSignature required) {
        ModelCard card = verifyDigest(e);
        String sha = card.onnxSha256();
        if (required != null) {
            card.signature().checkCompatible(required, e.name());
        }
        OnnxModel session = OnnxSessions.open(e.onnxFile(), sha);
        card.signature().checkSameAs(session.signature(), e.name());
        return new ResolvedModel(e, card, sha);
    }

    /**
     * Parses the card, checks its name against the folder and the file's SHA-256 against the card (no ONNX Runtime
     * involved: cheap enough for listings).
     *
     * @return the card
     */
    public static ModelCard verifyDigest(ModelEntry e) {
        ModelCard card = e.card();
        if (!card.name().equals(e.name())) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, e.cardFile() + ": field 'name' is '"
                    + card.name() + "' but the model folder is named '" + e.name() + "'");
        }
        if (!Files.isRegularFile(e.onnxFile())) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, e.onnxFile() + ": model '" + e.name()
                    + "' has a card but no " + ONNX_FILE);
        }
        String actual = sha256(e.onnxFile());
        if (!actual.equalsIgnoreCase(card.onnxSha256())) {
            throw new ModelException(ModelException.Kind.CORRUPTED, e.onnxFile() + ": model '" + e.name()
                    + "' is corrupted: SHA-256 expected " + card.onnxSha256() + " (model.json), actual " + actual);
        }
        return card;
    }

    /**
     * Writes a model folder: {@code model.onnx} and {@code model.json} with {@code onnxSha256} filled in. Each file
     * is written to a temporary name and moved into place (the card last, since the card is what makes a folder a
     * model), so readers never see half-written files.
     *
     * @param folder the model folder (created if needed; usually {@code <root>/<card.name>})
     * @return the card as written
     */
    public static ModelCard writeModel(Path folder, byte[] onnx, ModelCard card) {
        ModelCard written = card.withOnnxSha256(sha256(onnx));
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve(ONNX_FILE), onnx);
            writeAtomically(folder.resolve(ModelCard.FILE_NAME), written.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, folder + ": cannot write the model: "
                    + e.getMessage(), e);
        }
        return written;
    }

    /**
     * Copies a model folder (verified first: card and digest) into {@code targetRoot/<name>}.
     *
     * @return the entry in the target root
     */
    public static ModelEntry install(Path modelFolder, Path targetRoot) {
        Path src = modelFolder.toAbsolutePath().normalize();
        ModelEntry source = new ModelEntry(src.getFileName().toString(), Source.USER, src, true);
        ModelCard card = source.card();
        source = new ModelEntry(card.name(), Source.USER, src, true);
        verifyDigest(source);
        Path target = targetRoot.resolve(card.name());
        try {
            writeModel(target, Files.readAllBytes(source.onnxFile()), card);
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, source.onnxFile() + ": cannot read: "
                    + e.getMessage(), e);
        }
        return new ModelEntry(card.name(), Source.USER, target, true);
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, file + ": no such file");
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isSafeName(String name) {
        return name != null && !name.isBlank() && !name.contains("/") && !name.contains("\\") && !name.equals(".")
                && !name.equals("..");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
