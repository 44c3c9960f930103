package org.myoflow.core.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.model.Experiment;
import org.myoflow.model.MyoflowPackage;

/**
 * Loads and saves experiment files ({@code .myoflow}, XMI). Works with or without OSGi. Document type
 * declarations and external entities are refused, so a file cannot make the loader read other files or the
 * network (XXE).
 *
 * @since 0.1
 */
public final class ExperimentFiles {

    /** The file extension of experiment files. */
    public static final String EXTENSION = "myoflow";

    private ExperimentFiles() {
    }

    /**
     * Loads an experiment.
     *
     * @throws DataException when the file is missing, is not well-formed XMI of the experiment model, contains a
     *                       DOCTYPE, or does not hold an Experiment; the message names the file and, where known,
     *                       the line
     */
    public static Experiment load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": experiment file not found");
        }
        Resource r = newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
        try {
            r.load(loadOptions());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": " + describe(e), e);
        }
        if (!r.getErrors().isEmpty()) {
            Resource.Diagnostic d = r.getErrors().get(0);
            throw new DataException(file + ":" + d.getLine() + ": " + Excerpt.message(d.getMessage()));
        }
        if (r.getContents().isEmpty() || !(r.getContents().get(0) instanceof Experiment e)) {
            throw new DataException(file + ": does not contain a Myoflow experiment");
        }
        return e;
    }

    /** Saves an experiment as XMI (UTF-8), creating parent folders. */
    public static void save(Experiment experiment, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Resource r = newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
        r.getContents().add(experiment);
        Map<String, Object> opts = new HashMap<>();
        opts.put(XMLResource.OPTION_ENCODING, "UTF-8");
        opts.put(XMLResource.OPTION_LINE_WIDTH, 100);
        opts.put(XMLResource.OPTION_SAVE_TYPE_INFORMATION, Boolean.FALSE);
        r.save(opts);
    }

    private static ResourceSet newResourceSet() {
        ResourceSet rs = new ResourceSetImpl();
        rs.getPackageRegistry().put(MyoflowPackage.eNS_URI, MyoflowPackage.eINSTANCE);
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put(EXTENSION, new XMIResourceFactoryImpl());
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
        return rs;
    }

    private static Map<String, Object> loadOptions() {
        Map<String, Boolean> features = new HashMap<>();
        features.put("http://apache.org/xml/features/disallow-doctype-decl", Boolean.TRUE);
        features.put("http://xml.org/sax/features/external-general-entities", Boolean.FALSE);
        features.put("http://xml.org/sax/features/external-parameter-entities", Boolean.FALSE);
        features.put("http://apache.org/xml/features/nonvalidating/load-external-dtd", Boolean.FALSE);
        Map<String, Object> opts = new HashMap<>();
        opts.put(XMLResource.OPTION_PARSER_FEATURES, features);
        opts.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        return opts;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof org.xml.sax.SAXParseException spe) {
            return "line " + spe.getLineNumber() + ": " + Excerpt.message(m);
        }
        return Excerpt.message(m == null ? t.toString() : m);
    }
}
