package org.myoflow.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI check for the model bundle: regenerating from the committed model must reproduce the committed
 * {@code src-gen} byte for byte, and the hand-maintained plugin.xml must register the package as generated.
 * Run {@code releng/regenerate-model.sh} after changing {@code model/myoflow.ecore} or {@code .genmodel}.
 */
class RegenerationIsCleanTest {

	private static final String HINT = "\nRun releng/regenerate-model.sh and commit the result.";

	private static Path bundle;

	@TempDir
	Path scratch;

	@BeforeAll
	static void locateBundle() {
		String location = System.getProperty(RegenerateModel.BUNDLE_PROPERTY);
		assertTrue(location != null && !location.isBlank(),
				"system property " + RegenerateModel.BUNDLE_PROPERTY + " is not set (see the surefire configuration)");
		bundle = Path.of(location).toAbsolutePath().normalize();
		assertTrue(Files.isDirectory(bundle.resolve("model")), "no model folder in " + bundle);
	}

	@Test
	void regeneratedSourcesAreIdenticalToTheCommittedOnes() throws IOException {
		Path copy = copyModel(scratch.resolve("bundle"));
		RegenerateModel.regenerate(copy);

		Path generated = copy.resolve(RegenerateModel.SRC_GEN);
		Path committed = bundle.resolve(RegenerateModel.SRC_GEN);
		List<String> differences = compareTrees(generated, committed);
		if (!differences.isEmpty()) {
			fail(RegenerateModel.SRC_GEN + " of " + bundle + " is not what the model generates ("
					+ differences.size() + " files):\n  " + String.join("\n  ", differences) + HINT);
		}
		assertFalse(relativeFiles(generated).isEmpty(), "nothing was generated");
	}

	@Test
	void regenerationIsDeterministic() throws IOException {
		Path first = copyModel(scratch.resolve("first"));
		Path second = copyModel(scratch.resolve("second"));
		RegenerateModel.regenerate(first);
		RegenerateModel.regenerate(second);
		assertEquals(List.of(), compareTrees(first.resolve(RegenerateModel.SRC_GEN),
				second.resolve(RegenerateModel.SRC_GEN)), "two regenerations differ");

		// A second run over an up-to-date tree must not touch anything.
		assertEquals(List.of(), RegenerateModel.regenerate(first).changedFiles());
	}

	@Test
	void committedPluginXmlRegistersTheGeneratedPackage() throws IOException {
		RegenerateModel.Result result = RegenerateModel.regenerate(copyModel(scratch.resolve("bundle")));
		assertEquals(List.of(), RegenerateModel.checkPluginXml(bundle.resolve("plugin.xml"), result.generatedPluginXml()),
				"plugin.xml of " + bundle);
	}

	@Test
	void staleGeneratedFilesAreRemoved() throws IOException {
		Path copy = copyModel(scratch.resolve("bundle"));
		Path stale = copy.resolve(RegenerateModel.SRC_GEN).resolve("org/myoflow/model/Removed.java");
		Files.createDirectories(stale.getParent());
		Files.writeString(stale, "class Removed {}\n");
		RegenerateModel.Result result = RegenerateModel.regenerate(copy);
		assertFalse(Files.exists(stale));
		assertTrue(result.changedFiles().contains("D org/myoflow/model/Removed.java"), result.changedFiles()::toString);
	}

	private static Path copyModel(Path target) throws IOException {
		Path model = bundle.resolve("model");
		for (String relative : relativeFiles(model)) {
			Path destination = target.resolve("model").resolve(relative);
			Files.createDirectories(destination.getParent());
			Files.copy(model.resolve(relative), destination);
		}
		return target;
	}

	/** "only generated: x", "only committed: y", "differs: z" for every file that is not byte-identical. */
	private static List<String> compareTrees(Path generated, Path committed) throws IOException {
		Set<String> generatedFiles = relativeFiles(generated);
		Set<String> committedFiles = relativeFiles(committed);
		Set<String> all = new TreeSet<>(generatedFiles);
		all.addAll(committedFiles);
		List<String> differences = new ArrayList<>();
		for (String file : all) {
			if (!committedFiles.contains(file)) {
				differences.add("missing from the committed tree: " + file);
			} else if (!generatedFiles.contains(file)) {
				differences.add("not generated (stale): " + file);
			} else if (!Arrays.equals(Files.readAllBytes(generated.resolve(file)),
					Files.readAllBytes(committed.resolve(file)))) {
				differences.add("differs: " + file);
			}
		}
		return differences;
	}

	private static Set<String> relativeFiles(Path root) throws IOException {
		Set<String> files = new TreeSet<>();
		for (Path file : RegenerateModel.listFiles(root)) {
			files.add(root.relativize(file).toString().replace('\\', '/'));
		}
		return files;
	}
}
