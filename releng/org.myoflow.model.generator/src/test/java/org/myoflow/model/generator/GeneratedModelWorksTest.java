package org.myoflow.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.XMIResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the committed {@code src-gen} against the EMF jars (release 21, every lint warning an error) and round-trips an experiment through a {@code .myoflow} XMI file using the
 * generated package, so a broken model is found here, before the Tycho build.
 */
class GeneratedModelWorksTest {

	private static final String NS_URI = "http://www.myoflow.org/model/experiment/1.0";

	@TempDir
	static Path classes;

	private static EPackage myoflow;

	@BeforeAll
	static void compileGeneratedCode() throws Exception {
		Path bundle = Path.of(System.getProperty(RegenerateModel.BUNDLE_PROPERTY)).toAbsolutePath().normalize();
		List<String> sources = RegenerateModel.listFiles(bundle.resolve(RegenerateModel.SRC_GEN)).stream()
				.map(Path::toString).filter(name -> name.endsWith(".java")).toList();
		assertTrue(!sources.isEmpty(), "no generated sources");

		String classpath = List.of(EObject.class, EList.class, XMIResource.class).stream()
				.map(GeneratedModelWorksTest::jarOf).distinct().collect(Collectors.joining(File.pathSeparator));
		// EMF's file header is an empty "/** */" when there is no copyright text; javac 23+ flags that as a
		// dangling doc comment (ecj, which Tycho uses, does not).
		String lint = "-Xlint:all"
				+ (Runtime.version().feature() >= 23 ? ",-dangling-doc-comments" : "");
		List<String> arguments = new ArrayList<>(List.of("--release", "21", "-encoding", "UTF-8", "-proc:none", lint,
				"-Werror", "-cp", classpath, "-d", classes.toString()));
		arguments.addAll(sources);

		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertNotNull(javac, "tests need a JDK, not a JRE");
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
		assertEquals(0, status, () -> "src-gen does not compile:\n" + errors.toString(StandardCharsets.UTF_8));

		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				GeneratedModelWorksTest.class.getClassLoader());
		myoflow = (EPackage) loader.loadClass("org.myoflow.model.MyoflowPackage").getField("eINSTANCE").get(null);
	}

	private static String jarOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void packageMatchesTheSpecification() {
		assertEquals("model", myoflow.getName());
		assertEquals("myoflow", myoflow.getNsPrefix());
		assertEquals(NS_URI, myoflow.getNsURI());
		assertEquals(myoflow, EPackage.Registry.INSTANCE.getEPackage(NS_URI));
		EClass parameterValue = eClass("ParameterValue");
		assertTrue(parameterValue.isAbstract());
		for (String concrete : List.of("NumberValue", "IntegerValue", "BooleanValue", "EnumValue", "StringValue",
				"FileValue")) {
			assertTrue(eClass(concrete).getESuperTypes().contains(parameterValue), concrete);
		}
		// the provenance of runs is run.json (docs/run-folder.md), not part of the experiment model
		assertNull(myoflow.getEClassifier("Run"));
		assertNull(myoflow.getEClassifier("RunOutput"));
		assertNull(myoflow.getEClassifier("RunStatus"));
		EObject experiment = create("Experiment");
		assertEquals(1L, experiment.eGet(feature("Experiment", "seed")));
		assertEquals("org.myoflow.model.impl.ExperimentImpl", experiment.getClass().getName());
	}

	@Test
	void experimentRoundTripsThroughReadableXmi(@TempDir Path folder) throws IOException {
		EObject experiment = create("Experiment", "name", "Bandpass demo", "seed", 42L);
		EObject pipeline = create("Pipeline", "name", "main");
		add(experiment, "pipelines", pipeline);
		EObject reader = create("Node", "id", "read", "stepId", "org.myoflow.io.csv.read", "stepVersion", "1.0.0",
				"bundleName", "org.myoflow.io", "bundleVersion", "0.1.0", "x", 40, "y", 80);
		add(reader, "parameters", create("FileValue", "key", "file", "path", "data/emg.csv"));
		EObject filter = create("Node", "id", "bandpass", "stepId", "org.myoflow.dsp.bandpass", "label", "20–450 Hz");
		add(filter, "parameters", create("NumberValue", "key", "low", "value", 20.0, "unit", "Hz"));
		add(filter, "parameters", create("IntegerValue", "key", "order", "value", 4L));
		add(filter, "parameters", create("BooleanValue", "key", "zeroPhase", "value", true));
		add(filter, "parameters", create("EnumValue", "key", "design", "literal", "BUTTERWORTH"));
		add(filter, "parameters", create("StringValue", "key", "channels", "value", "all"));
		add(pipeline, "nodes", reader);
		add(pipeline, "nodes", filter);
		add(pipeline, "connections", create("Connection", "sourceNode", "read", "sourcePort", "signal",
				"targetNode", "bandpass", "targetPort", "in"));

		Path file = folder.resolve("demo.myoflow");
		ResourceSet writer = resourceSet();
		Resource saved = writer.createResource(URI.createFileURI(file.toString()));
		saved.getContents().add(experiment);
		saved.save(Map.of(XMIResource.OPTION_ENCODING, "UTF-8"));

		String xmi = Files.readString(file, StandardCharsets.UTF_8);
		assertTrue(xmi.contains("<myoflow:Experiment") && xmi.contains("xmlns:myoflow=\"" + NS_URI + "\""), xmi);
		assertTrue(xmi.contains("<nodes id=\"bandpass\""), xmi);
		assertTrue(xmi.contains("xsi:type=\"myoflow:NumberValue\" key=\"low\" value=\"20.0\" unit=\"Hz\""), xmi);
		assertTrue(xmi.contains("label=\"20–450 Hz\""), xmi);

		Resource loaded = resourceSet().getResource(URI.createFileURI(file.toString()), true);
		assertTrue(loaded.getErrors().isEmpty(), loaded.getErrors()::toString);
		assertTrue(EcoreUtil.equals(experiment, loaded.getContents().get(0)), "reloaded experiment differs:\n" + xmi);
	}

	private static ResourceSet resourceSet() {
		ResourceSet resourceSet = new ResourceSetImpl();
		resourceSet.getPackageRegistry().put(NS_URI, myoflow);
		resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("myoflow", new XMIResourceFactoryImpl());
		return resourceSet;
	}

	private static EClass eClass(String name) {
		EClass eClass = (EClass) myoflow.getEClassifier(name);
		assertNotNull(eClass, name);
		return eClass;
	}

	private static org.eclipse.emf.ecore.EStructuralFeature feature(String className, String name) {
		org.eclipse.emf.ecore.EStructuralFeature feature = eClass(className).getEStructuralFeature(name);
		assertNotNull(feature, className + "." + name);
		return feature;
	}

	private static EObject create(String className, Object... namesAndValues) {
		EObject object = myoflow.getEFactoryInstance().create(eClass(className));
		for (int i = 0; i < namesAndValues.length; i += 2) {
			object.eSet(feature(className, (String) namesAndValues[i]), namesAndValues[i + 1]);
		}
		return object;
	}

	@SuppressWarnings("unchecked")
	private static void add(EObject owner, String reference, EObject child) {
		((List<EObject>) owner.eGet(feature(owner.eClass().getName(), reference))).add(child);
	}
}
