package org.myoflow.model.generator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.codegen.merge.java.JControlModel;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Regenerates the EMF model code of a model bundle headless, from its {@code model/*.genmodel}, with EMF's own
 * code generator from Maven Central (no Eclipse IDE, no JDT).
 *
 * <p>Usage: {@code RegenerateModel [modelBundleDir]}; without an argument the system property
 * {@value #BUNDLE_PROPERTY} is used. Rewrites {@code <bundle>/src-gen} only, as an exact mirror of the generator's output
 * (a removed class leaves no stale file; unchanged files are not touched). The generator also emits plugin.xml, plugin.properties, build.properties and MANIFEST.MF; those go
 * to a scratch folder and are dropped, because the bundle's copies are maintained by hand (the generated
 * plugin.properties hard-codes {@code providerName = www.example.org}, and the committed plugin.xml also registers
 * the {@code .myoflow} resource factory). The generated plugin.xml is only used to check that the committed one
 * registers the package exactly as the generator would.
 *
 * <p>The output is meant to be byte-identical across runs, machines and JDKs: "\n" line endings, UTF-8, no
 * copyright text, no timestamps, no paths.
 */
public final class RegenerateModel {

	/** System property naming the model bundle folder when no argument is given. */
	public static final String BUNDLE_PROPERTY = "myoflow.model.bundle";

	/** Folder of generated Java code inside the bundle; must match the genmodel's modelDirectory. */
	public static final String SRC_GEN = "src-gen";

	private static final String GENERATED_PACKAGE_POINT = "org.eclipse.emf.ecore.generated_package";

	private RegenerateModel() {
	}

	/** What one regeneration produced. */
	public record Result(Path bundleDir, List<String> changedFiles, String generatedPluginXml) {
	}

	public static void main(String[] args) throws Exception {
		String location = args.length > 0 ? args[0] : System.getProperty(BUNDLE_PROPERTY);
		if (location == null || location.isBlank()) {
			throw new IllegalArgumentException(
					"usage: RegenerateModel <modelBundleDir> (or -D" + BUNDLE_PROPERTY + "=<modelBundleDir>)");
		}
		Path bundleDir = Path.of(location).toAbsolutePath().normalize();
		long start = System.nanoTime();
		Result result = regenerate(bundleDir);
		List<String> problems = checkPluginXml(bundleDir.resolve("plugin.xml"), result.generatedPluginXml());
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The committed plugin.xml does not match the generated package:\n  "
					+ String.join("\n  ", problems));
		}
		System.out.printf("Regenerated %s/%s in %d ms: %s%n", bundleDir, SRC_GEN, (System.nanoTime() - start) / 1_000_000,
				result.changedFiles().isEmpty() ? "no changes" : result.changedFiles().size() + " files changed");
		result.changedFiles().forEach(file -> System.out.println("  " + file));
	}

	/**
	 * Regenerates {@code src-gen} of the model bundle in {@code bundleDir}, which must hold exactly one
	 * {@code model/*.genmodel}.
	 */
	public static Result regenerate(Path bundleDir) throws IOException {
		// The generator writes with the platform charset when stand-alone; JDK 18+ makes that UTF-8 unless told
		// otherwise, and a non-UTF-8 run would turn non-ASCII documentation into '?'.
		if (!StandardCharsets.UTF_8.equals(Charset.defaultCharset())) {
			throw new IllegalStateException("The default charset is " + Charset.defaultCharset()
					+ ", not UTF-8: run with -Dfile.encoding=UTF-8");
		}
		bundleDir = bundleDir.toAbsolutePath().normalize();
		Path genModelFile = findGenModel(bundleDir.resolve("model"));

		// The generator names the project from the genmodel's modelDirectory (/<project>/src-gen) and writes
		// plugin.xml's genModel attribute relative to the project, so the genmodel must be loaded through a
		// platform:/resource/<project>/ URI. A first plain load just reads the project name.
		String project = projectOf(loadGenModel(createResourceSet(), URI.createFileURI(genModelFile.toString())));

		Path staging = Files.createTempDirectory("myoflow-codegen-");
		try {
			// platform:/resource/<project>/ is a scratch copy of the bundle's model folder; the generator writes
			// everything there, and only src-gen is copied back into the bundle afterwards.
			Path stagedModel = staging.resolve("model");
			for (Path file : listFiles(genModelFile.getParent())) {
				Path target = stagedModel.resolve(genModelFile.getParent().relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
			ResourceSet resourceSet = createResourceSet();
			resourceSet.getURIConverter().getURIMap().put(URI.createPlatformResourceURI("/" + project + "/", true),
					URI.createFileURI(staging.toString() + "/"));
			GenModel genModel = loadGenModel(resourceSet, URI.createPlatformResourceURI(
					"/" + project + "/model/" + genModelFile.getFileName(), true));
			generate(genModel, resourceSet);

			normaliseLineEndings(staging);
			Path generatedSrc = staging.resolve(SRC_GEN);
			if (countJavaFiles(generatedSrc) == 0) {
				throw new IllegalStateException("The generator reported success but wrote no Java file under "
						+ SRC_GEN + ": is the genmodel's modelDirectory /" + project + "/" + SRC_GEN + "?");
			}

			List<String> changes = syncTree(generatedSrc, bundleDir.resolve(SRC_GEN));

			Path pluginXml = staging.resolve("plugin.xml");
			String generatedPluginXml = Files.isRegularFile(pluginXml)
					? Files.readString(pluginXml, StandardCharsets.UTF_8)
					: null;
			return new Result(bundleDir, List.copyOf(changes), generatedPluginXml);
		} finally {
			deleteRecursively(staging);
		}
	}

	/**
	 * Compares the {@value #GENERATED_PACKAGE_POINT} registrations (uri, class, genModel) of a hand-maintained
	 * plugin.xml with those of the generated one. Returns the differences, empty when they agree.
	 */
	public static List<String> checkPluginXml(Path committedPluginXml, String generatedPluginXml) throws IOException {
		List<String> problems = new ArrayList<>();
		if (generatedPluginXml == null) {
			problems.add("the generator wrote no plugin.xml");
			return problems;
		}
		if (!Files.isRegularFile(committedPluginXml)) {
			problems.add(committedPluginXml + " is missing");
			return problems;
		}
		Map<String, String> expected = generatedPackages(generatedPluginXml);
		Map<String, String> actual = generatedPackages(Files.readString(committedPluginXml, StandardCharsets.UTF_8));
		if (!expected.equals(actual)) {
			problems.add("expected " + GENERATED_PACKAGE_POINT + " " + expected + " but found " + actual);
		}
		return problems;
	}

	/** nsURI -> "class=..., genModel=..." of every generated_package registration in a plugin.xml. */
	private static Map<String, String> generatedPackages(String pluginXml) throws IOException {
		Map<String, String> packages = new TreeMap<>();
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(false);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			NodeList extensions = factory.newDocumentBuilder()
					.parse(new InputSource(new StringReader(pluginXml)))
					.getElementsByTagName("extension");
			for (int i = 0; i < extensions.getLength(); i++) {
				Element extension = (Element) extensions.item(i);
				if (!GENERATED_PACKAGE_POINT.equals(extension.getAttribute("point"))) {
					continue;
				}
				NodeList children = extension.getElementsByTagName("package");
				for (int j = 0; j < children.getLength(); j++) {
					Element pkg = (Element) children.item(j);
					packages.put(pkg.getAttribute("uri"),
							"class=" + pkg.getAttribute("class") + ", genModel=" + pkg.getAttribute("genModel"));
				}
			}
		} catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
			throw new IOException("Cannot parse plugin.xml: " + e.getMessage(), e);
		}
		return packages;
	}

	private static Path findGenModel(Path modelDir) throws IOException {
		if (!Files.isDirectory(modelDir)) {
			throw new IllegalArgumentException("No model folder at " + modelDir);
		}
		List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(modelDir, "*.genmodel")) {
			stream.forEach(found::add);
		}
		if (found.size() != 1) {
			throw new IllegalArgumentException("Expected exactly one .genmodel in " + modelDir + ", found " + found);
		}
		return found.get(0);
	}

	private static ResourceSet createResourceSet() {
		ResourceSet resourceSet = new ResourceSetImpl();
		resourceSet.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);
		resourceSet.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
		Map<String, Object> factories = resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap();
		factories.put("ecore", new EcoreResourceFactoryImpl());
		factories.put("genmodel", new EcoreResourceFactoryImpl());
		return resourceSet;
	}

	private static GenModel loadGenModel(ResourceSet resourceSet, URI uri) {
		Resource resource;
		try {
			resource = resourceSet.getResource(uri, true);
		} catch (RuntimeException e) {
			throw new IllegalStateException("Cannot load " + uri + ": " + e.getMessage(), e);
		}
		EcoreUtil.resolveAll(resourceSet);

		List<String> problems = new ArrayList<>();
		for (Resource r : resourceSet.getResources()) {
			for (Resource.Diagnostic error : r.getErrors()) {
				problems.add(r.getURI().lastSegment() + ": " + error.getMessage());
			}
		}
		Map<EObject, Collection<EStructuralFeature.Setting>> proxies = EcoreUtil.UnresolvedProxyCrossReferencer
				.find(resourceSet);
		proxies.keySet().stream().map(proxy -> "unresolved reference " + EcoreUtil.getURI(proxy)).sorted().limit(10)
				.forEach(problems::add);
		if (proxies.size() > 10) {
			problems.add("... and " + (proxies.size() - 10) + " more unresolved references");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The model does not load cleanly:\n  " + String.join("\n  ", problems));
		}
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof GenModel genModel)) {
			throw new IllegalStateException(uri + " holds no GenModel");
		}

		// Bring the genmodel in line with the .ecore (features added or removed since it was last saved).
		genModel.reconcile();
		Diagnostic diagnostic = genModel.diagnose();
		if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
			throw new IllegalStateException("The genmodel is invalid:\n" + describe(diagnostic));
		}
		// Without this the generator silently generates nothing and still reports OK.
		genModel.setCanGenerate(true);
		return genModel;
	}

	private static String projectOf(GenModel genModel) {
		String modelDirectory = Objects.requireNonNullElse(genModel.getModelDirectory(), "");
		String[] segments = modelDirectory.replaceFirst("^/", "").split("/");
		if (segments.length != 2 || !SRC_GEN.equals(segments[1])) {
			throw new IllegalStateException(
					"The genmodel's modelDirectory must be /<bundle>/" + SRC_GEN + ", not '" + modelDirectory + "'");
		}
		return segments[0];
	}

	private static void generate(GenModel genModel, ResourceSet resourceSet) {
		Generator generator = new StandaloneGenerator();
		generator.getOptions().resourceSet = resourceSet;
		generator.getAdapterFactoryDescriptorRegistry()
				.addDescriptor(GenModelPackage.eNS_URI, GenModelGeneratorAdapterFactory.DESCRIPTOR);
		generator.setInput(genModel);

		// Stand-alone, new files get System.getProperty("line.separator"); pin it for the run.
		String lineSeparator = System.getProperty("line.separator");
		System.setProperty("line.separator", "\n");
		Diagnostic diagnostic;
		try {
			diagnostic = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
					new BasicMonitor());
		} finally {
			System.setProperty("line.separator", lineSeparator);
			generator.dispose();
		}
		if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
			throw new IllegalStateException("Code generation failed:\n" + describe(diagnostic));
		}
		if (diagnostic.getSeverity() == Diagnostic.WARNING) {
			System.err.println("Code generation warnings:\n" + describe(diagnostic));
		}
	}

	/**
	 * A generator that needs no JDT: JMerge's facade helper lives in JDT, so the control model gets none. Nothing is
	 * merged then (src-gen is deleted before each run anyway), and the emitter output is only re-indented with tabs
	 * and end-of-line braces, which is what the IDE produces with JDT's default formatter settings.
	 */
	private static final class StandaloneGenerator extends Generator {
		@Override
		public JControlModel getJControlModel() {
			if (jControlModel == null) {
				jControlModel = new JControlModel();
				jControlModel.setLeadingTabReplacement("\t");
				jControlModel.setConvertToStandardBraceStyle(true);
			}
			return jControlModel;
		}
	}

	private static String describe(Diagnostic diagnostic) {
		StringBuilder text = new StringBuilder();
		describe(diagnostic, "  ", text);
		return text.toString();
	}

	private static void describe(Diagnostic diagnostic, String indent, StringBuilder text) {
		if (diagnostic.getMessage() != null) {
			text.append(indent).append(diagnostic.getMessage());
			if (diagnostic.getException() != null) {
				text.append(" (").append(diagnostic.getException()).append(')');
			}
			text.append('\n');
		}
		for (Diagnostic child : diagnostic.getChildren()) {
			describe(child, indent + "  ", text);
		}
	}

	/**
	 * Makes {@code target} hold exactly the files of {@code source}, touching only files whose content differs, so a
	 * regeneration without model changes leaves the bundle (and builds or IDEs watching it) alone. Returns the paths,
	 * relative to {@code target}, that were written ("M ...") or deleted ("D ...").
	 */
	private static List<String> syncTree(Path source, Path target) throws IOException {
		List<String> changes = new ArrayList<>();
		List<String> wanted = new ArrayList<>();
		for (Path file : listFiles(source)) {
			String relative = source.relativize(file).toString().replace('\\', '/');
			wanted.add(relative);
			Path destination = target.resolve(relative);
			byte[] content = Files.readAllBytes(file);
			if (!Files.isRegularFile(destination) || !Arrays.equals(content, Files.readAllBytes(destination))) {
				Files.createDirectories(destination.getParent());
				Files.write(destination, content);
				changes.add("M " + relative);
			}
		}
		for (Path file : listFiles(target)) {
			String relative = target.relativize(file).toString().replace('\\', '/');
			if (!wanted.contains(relative)) {
				Files.delete(file);
				changes.add("D " + relative);
			}
		}
		deleteEmptyDirectories(target);
		return changes;
	}

	private static void deleteEmptyDirectories(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
				try (Stream<Path> entries = Files.list(dir)) {
					if (!dir.equals(root) && entries.findAny().isEmpty()) {
						Files.delete(dir);
					}
				}
			}
		}
	}

	private static void normaliseLineEndings(Path root) throws IOException {
		for (Path file : listFiles(root)) {
			byte[] bytes = Files.readAllBytes(file);
			String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-preserving
			if (text.indexOf('\r') >= 0) {
				Files.write(file, text.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.ISO_8859_1));
			}
		}
	}

	private static long countJavaFiles(Path root) throws IOException {
		return listFiles(root).stream().filter(p -> p.getFileName().toString().endsWith(".java")).count();
	}

	/** Regular files below root in a stable order; empty if root does not exist. */
	static List<Path> listFiles(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
	}

	static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
