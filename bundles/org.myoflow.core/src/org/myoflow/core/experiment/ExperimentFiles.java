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
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.xmi.IllegalValueException;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.engine.Texts;
import org.myoflow.model.Experiment;
import org.myoflow.model.MyoflowPackage;
import org.myoflow.model.Node;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;

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
            if (r.getErrors().isEmpty()) { // else the recorded errors below say where
                throw new DataException(file + ": " + Texts.escape(describe(e)), e);
            }
        }
        if (!r.getErrors().isEmpty()) {
            Resource.Diagnostic d = r.getErrors().get(0);
            int more = r.getErrors().size() - 1;
            throw new DataException(file + ":" + d.getLine() + ": " + describe(d)
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
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

    /**
     * A load error on one line: a value that does not fit its attribute (a number parameter holding {@code abc} or
     * nothing) names the node, the parameter and the value, escaped and cut ({@link Texts#quote}).
     */
    private static String describe(Resource.Diagnostic d) {
        if (d instanceof IllegalValueException ive) {
            String expected = "valid";
            if (ive.getFeature() instanceof EAttribute a && a.getEAttributeType() != null) {
                Class<?> c = a.getEAttributeType().getInstanceClass();
                expected = c == double.class || c == Double.class || c == float.class ? "a number"
                        : c == long.class || c == int.class || c == Long.class || c == Integer.class ? "an integer"
                                : c == boolean.class || c == Boolean.class ? "true or false" : "valid";
            }
            String raw = ive.getValue() == null ? null : String.valueOf(ive.getValue());
            String feature = ive.getFeature() == null ? "?" : ive.getFeature().getName();
            String where = where(ive.getObject());
            if (!(ive.getObject() instanceof ParameterValue && feature.equals("value"))) {
                where += (where.isEmpty() ? "" : ", ") + "attribute " + Texts.quote(feature);
            }
            return where + ": " + (raw == null || raw.isEmpty() ? "empty value; expected " + expected
                    : Texts.quote(raw) + " is not " + expected);
        }
        return Texts.escape(d.getMessage());
    }

    /** "node 'pool', parameter 'units'" for a parameter value, "node 'pool'" for a node, else "" (or the pipeline). */
    private static String where(EObject o) {
        StringBuilder sb = new StringBuilder();
        if (o instanceof ParameterValue pv) {
            EObject c = pv.eContainer();
            if (c instanceof Node n) {
                sb.append("node ").append(Texts.quote(n.getId())).append(", ");
            }
            sb.append("parameter ").append(pv.getKey() == null ? "(key not read yet)" : Texts.quote(pv.getKey()));
        } else if (o instanceof Node n) {
            sb.append("node ").append(Texts.quote(n.getId()));
        } else if (o instanceof Pipeline p) {
            sb.append("pipeline ").append(Texts.quote(p.getName()));
        }
        return sb.toString();
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
