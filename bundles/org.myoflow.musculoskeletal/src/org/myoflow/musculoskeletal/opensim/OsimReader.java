package org.myoflow.musculoskeletal.opensim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Coordinate;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.MotionType;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Muscle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads {@code .osim} files of OpenSim 3.x (joints inside bodies, {@code <body>} references, {@code parent_body},
 * {@code location_in_parent}) and 4.x (JointSet, PhysicalOffsetFrames, sockets).
 */
final class OsimReader {

    private static final Set<String> JOINTS = Set.of("CustomJoint", "PinJoint", "WeldJoint", "SliderJoint",
            "UniversalJoint", "GimbalJoint");

    private final Path file;
    private final List<String> notModelled = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final Map<String, Integer> bodyIndex = new HashMap<>();
    /** Offset frames by joint (4.x joints own their frames), then by name. */
    private final Map<String, Map<String, Element>> jointFrames = new HashMap<>();
    private final Map<String, Element> globalFrames = new HashMap<>();
    private final Map<Element, Kinematics.Frame> resolvedFrames = new HashMap<>();
    private final List<Coordinate> coordinates = new ArrayList<>();
    private final Map<String, Integer> coordinateIndex = new HashMap<>();
    private final Map<String, WrapSurface> cylinders = new HashMap<>();
    private final Map<String, String> otherWraps = new HashMap<>();
    /** Joint element, child body index, owning joint name (for coordinate joints). */
    private final List<Element> jointElements = new ArrayList<>();
    private final List<Integer> jointChildBody = new ArrayList<>();
    /** Bodies that cannot be posed (beyond an unsupported joint), with the reason. */
    private final Map<Integer, String> blockedBy = new HashMap<>();
    private final List<String> unsupportedJoints = new ArrayList<>();

    private OsimReader(Path file) {
        this.file = file;
    }

    static OpenSimModel read(Path osim, Path functionBasedPaths) {
        return new OsimReader(osim).run(functionBasedPaths);
    }

    private String where(Element e) {
        String n = Xml.name(e);
        return file.getFileName() + ": <" + e.getTagName() + (n.isEmpty() ? "" : " name=\"" + n + "\"") + ">";
    }

    private OpenSimModel run(Path functionBasedPaths) {
        Document doc = Xml.parse(file);
        Element root = doc.getDocumentElement();
        Element model = root.getTagName().equals("Model") ? root : Xml.child(root, "Model");
        if (model == null) {
            throw new DataException(file + ": no <Model> element: not an OpenSim model file");
        }
        String modelName = Xml.name(model);
        bodies.add("ground");
        bodyIndex.put("ground", 0);
        Element ground = Xml.child(model, "Ground");
        List<Element> bodyElements = Xml.members(Xml.child(model, "BodySet"));
        for (Element b : bodyElements) {
            if (!b.getTagName().equals("Body")) {
                continue;
            }
            String n = Xml.name(b);
            if (n.equals("ground")) {
                continue;
            }
            if (bodyIndex.containsKey(n)) {
                throw new DataException(where(b) + ": a second body named " + n);
            }
            bodyIndex.put(n, bodies.size());
            bodies.add(n);
        }
        // offset frames (4.x)
        for (Element j : Xml.members(Xml.child(model, "JointSet"))) {
            Map<String, Element> local = new HashMap<>();
            for (Element f : Xml.children(Xml.child(j, "frames"))) {
                local.put(Xml.name(f), f);
                globalFrames.putIfAbsent(Xml.name(f), f);
            }
            jointFrames.put(Xml.name(j), local);
        }
        collectFrames(Xml.child(model, "components"));
        for (Element b : bodyElements) {
            collectFrames(Xml.child(b, "components"));
        }

        // joints: 4.x JointSet, 3.x inside bodies
        for (Element j : Xml.members(Xml.child(model, "JointSet"))) {
            jointElements.add(j);
            jointChildBody.add(-1);
        }
        for (Element b : bodyElements) {
            Element jw = Xml.child(b, "Joint");
            if (jw != null) {
                for (Element j : Xml.children(jw)) {
                    jointElements.add(j);
                    jointChildBody.add(bodyIndex.getOrDefault(Xml.name(b), 0));
                }
            }
        }
        // first pass: coordinates (needed by functions of other joints and path points)
        for (int k = 0; k < jointElements.size(); k++) {
            Element j = jointElements.get(k);
            List<Element> cs = new ArrayList<>(Xml.children(Xml.child(j, "coordinates")));
            cs.addAll(Xml.members(Xml.child(j, "CoordinateSet")));
            for (Element c : cs) {
                String n = Xml.name(c);
                if (coordinateIndex.containsKey(n)) {
                    throw new DataException(where(c) + ": a second coordinate named " + n);
                }
                coordinateIndex.put(n, coordinates.size());
                double[] range = Xml.numbers(Xml.text(c, "range"), where(c));
                coordinates.add(new Coordinate(n, Xml.name(j), motionType(j, c), Xml.number(c, "default_value", 0,
                        where(c)), range.length > 0 ? range[0] : Double.NEGATIVE_INFINITY,
                        range.length > 1 ? range[1] : Double.POSITIVE_INFINITY, Xml.bool(c, "locked", false),
                        List.of()));
            }
        }
        // couplers
        List<Kinematics.Coupler> couplers = new ArrayList<>();
        for (Element c : Xml.members(Xml.child(model, "ConstraintSet"))) {
            boolean on = !Xml.bool(c, "isDisabled", false) && Xml.bool(c, "isEnforced", true);
            if (!on) {
                continue;
            }
            if (!c.getTagName().equals("CoordinateCouplerConstraint")) {
                notModelled.add(where(c) + ": constraint type " + c.getTagName() + " is ignored");
                continue;
            }
            String dep = Xml.text(c, "dependent_coordinate_name");
            String[] ind = Xml.text(c, "independent_coordinate_names") == null ? new String[0]
                    : Xml.text(c, "independent_coordinate_names").trim().split("\\s+");
            int d = coordinate(dep, where(c) + " <dependent_coordinate_name>");
            int[] ii = new int[ind.length];
            for (int i = 0; i < ind.length; i++) {
                ii[i] = coordinate(ind[i], where(c) + " <independent_coordinate_names>");
            }
            OsimFunction f = OsimFunction.in(c, "coupled_coordinates_function", where(c));
            if (f == null) {
                throw new DataException(where(c) + ": no <coupled_coordinates_function>");
            }
            couplers.add(new Kinematics.Coupler(Xml.name(c), d, ii, f, Xml.number(c, "scale_factor", 1, where(c))));
            Coordinate old = coordinates.get(d);
            coordinates.set(d, new Coordinate(old.name(), old.joint(), old.motionType(), old.defaultValue(),
                    old.min(), old.max(), old.locked(), List.of(ind)));
        }

        // joints' kinematics
        List<Kinematics.Joint> joints = new ArrayList<>();
        Map<Integer, String> jointOfBody = new HashMap<>();
        for (int k = 0; k < jointElements.size(); k++) {
            Element j = jointElements.get(k);
            String type = j.getTagName();
            String jn = Xml.name(j);
            Kinematics.Frame parent;
            Kinematics.Frame child;
            if (jointChildBody.get(k) >= 0) {
                String pb = Xml.text(j, "parent_body");
                int p = body(pb, where(j) + " <parent_body>");
                parent = new Kinematics.Frame(pb, p, Rigid.fromXyzBody(Xml.vec3(j, "orientation_in_parent", where(j)),
                        Xml.vec3(j, "location_in_parent", where(j))));
                child = new Kinematics.Frame(bodies.get(jointChildBody.get(k)), jointChildBody.get(k),
                        Rigid.fromXyzBody(Xml.vec3(j, "orientation", where(j)), Xml.vec3(j, "location", where(j))));
            } else {
                parent = frame(Xml.text(j, "socket_parent_frame"), jn, where(j) + " <socket_parent_frame>");
                child = frame(Xml.text(j, "socket_child_frame"), jn, where(j) + " <socket_child_frame>");
            }
            String unsupported = null;
            if (Xml.bool(j, "reverse", false)) {
                unsupported = "a reversed joint (reverse=true), which Myoflow does not model";
            } else if (!JOINTS.contains(type)) {
                unsupported = "a " + type + ", which Myoflow does not model (supported: "
                        + String.join(", ", new TreeSet<>(JOINTS)) + ")";
            }
            if (unsupported != null) {
                String why = "joint " + jn + " (" + where(j).substring(where(j).indexOf('<')) + ") is " + unsupported;
                blockedBy.put(child.body(), why);
                unsupportedJoints.add(why + "; it moves body " + bodies.get(child.body()));
                continue;
            }
            if (jointOfBody.containsKey(child.body())) {
                throw new DataException(where(j) + ": body " + bodies.get(child.body()) + " already has joint "
                        + jointOfBody.get(child.body()) + " (closed loops are not supported)");
            }
            jointOfBody.put(child.body(), jn);
            joints.add(new Kinematics.Joint(jn, type, parent, child, axes(j)));
        }
        // order joints parent-first
        List<Kinematics.Joint> ordered = new ArrayList<>();
        boolean[] posed = new boolean[bodies.size()];
        posed[0] = true;
        List<Kinematics.Joint> left = new ArrayList<>(joints);
        while (!left.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < left.size(); i++) {
                Kinematics.Joint j = left.get(i);
                if (posed[j.parent().body()]) {
                    ordered.add(j);
                    posed[j.child().body()] = true;
                    left.remove(i--);
                    progress = true;
                }
            }
            if (!progress) {
                Kinematics.Joint j = left.get(0);
                String why = blockedBy.get(j.parent().body());
                if (why == null) {
                    throw new DataException(file + ": joint " + j.name() + " hangs from body "
                            + bodies.get(j.parent().body()) + ", which no joint connects to ground");
                }
                // beyond an unsupported joint: not posed either
                blockedBy.put(j.child().body(), why);
                left.remove(0);
            }
        }
        for (String u : unsupportedJoints) {
            List<String> beyond = new ArrayList<>();
            for (var e : blockedBy.entrySet()) {
                if (u.startsWith(e.getValue())) {
                    beyond.add(bodies.get(e.getKey()));
                }
            }
            notModelled.add(file.getFileName() + ": " + u.substring(0, u.indexOf("; it moves")) + "; bodies it moves: "
                    + String.join(", ", beyond) + " (muscles attached to them are not modelled)");
        }
        for (int b = 1; b < bodies.size(); b++) {
            if (!posed[b] && !blockedBy.containsKey(b)) {
                notModelled.add(file.getFileName() + ": body " + bodies.get(b)
                        + " has no joint: it is kept at ground's pose");
            }
        }
        boolean[] locked = new boolean[coordinates.size()];
        double[] defaults = new double[coordinates.size()];
        for (int i = 0; i < locked.length; i++) {
            locked[i] = coordinates.get(i).locked();
            defaults[i] = coordinates.get(i).defaultValue();
        }
        Kinematics kin = new Kinematics(bodies, ordered, couplers, locked, defaults);

        // wrap objects
        collectWraps(ground, 0, Rigid.identity());
        for (Element b : bodyElements) {
            collectWraps(b, bodyIndex.getOrDefault(Xml.name(b), 0), Rigid.identity());
        }
        for (Element f : new ArrayList<>(globalFrames.values())) {
            if (Xml.child(f, "WrapObjectSet") != null) {
                Kinematics.Frame fr = resolve(f, null);
                collectWraps(f, fr.body(), fr.transform());
            }
        }

        // muscles
        List<Muscle> muscles = new ArrayList<>();
        List<MusclePath> paths = new ArrayList<>();
        for (Element m : Xml.members(Xml.child(model, "ForceSet"))) {
            if (!m.getTagName().contains("Muscle")) {
                continue;
            }
            MusclePath path = path(m);
            paths.add(path);
            muscles.add(muscle(m, path));
        }
        if (functionBasedPaths != null) {
            applyFunctionBasedPaths(functionBasedPaths, muscles, paths);
        }
        for (MusclePath p : paths) {
            if (p.problem != null) {
                notModelled.add(p.problem);
            }
        }
        return new OpenSimModel(modelName, file, coordinates, kin, muscles, paths, notModelled);
    }

    private void collectFrames(Element components) {
        for (Element f : Xml.children(components)) {
            if (f.getTagName().equals("PhysicalOffsetFrame")) {
                globalFrames.putIfAbsent(Xml.name(f), f);
            }
        }
    }

    private int coordinate(String name, String where) {
        Integer i = name == null ? null : coordinateIndex.get(name.substring(name.lastIndexOf('/') + 1));
        if (i == null) {
            throw new DataException(where + ": no coordinate named " + Excerpt.quoted(name) + " in the model");
        }
        return i;
    }

    private int body(String name, String where) {
        Integer i = name == null ? null : bodyIndex.get(name);
        if (i == null) {
            throw new DataException(where + ": no body named " + Excerpt.quoted(name) + " in the model");
        }
        return i;
    }

    /** A frame by socket path: "/bodyset/x", "/ground", "/jointset/j/f", "f" (joint-local), "x" (a body). */
    private Kinematics.Frame frame(String path, String contextJoint, String where) {
        if (path == null || path.isBlank()) {
            throw new DataException(where + ": missing");
        }
        List<String> seg = new ArrayList<>();
        for (String s : path.trim().split("/")) {
            if (!s.isEmpty() && !s.equals("..") && !s.equals(".")) {
                seg.add(s);
            }
        }
        if (seg.isEmpty()) {
            throw new DataException(where + ": cannot resolve frame " + Excerpt.quoted(path) + "");
        }
        String last = seg.get(seg.size() - 1);
        if (seg.size() >= 2 && seg.get(seg.size() - 2).equals("bodyset") || seg.size() == 1 && last.equals("ground")
                || seg.size() == 1 && bodyIndex.containsKey(last) && (contextJoint == null
                        || !jointFrames.getOrDefault(contextJoint, Map.of()).containsKey(last))) {
            return new Kinematics.Frame(last, body(last, where), Rigid.identity());
        }
        Element f = null;
        if (seg.size() >= 3 && seg.get(seg.size() - 3).equals("jointset")) {
            f = jointFrames.getOrDefault(seg.get(seg.size() - 2), Map.of()).get(last);
        } else if (contextJoint != null) {
            f = jointFrames.getOrDefault(contextJoint, Map.of()).get(last);
        }
        if (f == null) {
            f = globalFrames.get(last);
        }
        if (f == null) {
            throw new DataException(where + ": cannot resolve frame " + Excerpt.quoted(path) + "");
        }
        return resolve(f, contextJoint);
    }

    private Kinematics.Frame resolve(Element f, String contextJoint) {
        Kinematics.Frame done = resolvedFrames.get(f);
        if (done != null) {
            return done;
        }
        String w = where(f);
        Kinematics.Frame parent = frame(Xml.text(f, "socket_parent"), contextJoint, w + " <socket_parent>");
        double[] x = Rigid.compose(parent.transform(), Rigid.fromXyzBody(Xml.vec3(f, "orientation", w),
                Xml.vec3(f, "translation", w)));
        Kinematics.Frame out = new Kinematics.Frame(Xml.name(f), parent.body(), x);
        resolvedFrames.put(f, out);
        return out;
    }

    private MotionType motionType(Element joint, Element coordinate) {
        String mt = Xml.text(coordinate, "motion_type");
        if (mt != null && !mt.isEmpty()) {
            return switch (mt.toLowerCase(java.util.Locale.ROOT)) {
                case "translational" -> MotionType.TRANSLATIONAL;
                case "coupled" -> MotionType.COUPLED;
                default -> MotionType.ROTATIONAL;
            };
        }
        switch (joint.getTagName()) {
            case "SliderJoint":
                return MotionType.TRANSLATIONAL;
            case "CustomJoint":
                break;
            default:
                return MotionType.ROTATIONAL;
        }
        String name = Xml.name(coordinate);
        for (Element ax : Xml.children(Xml.child(joint, "SpatialTransform"))) {
            String cs = Xml.text(ax, "coordinates");
            if (cs == null || !List.of(cs.trim().split("\\s+")).contains(name)) {
                continue;
            }
            OsimFunction f = OsimFunction.in(ax, "function", where(ax));
            boolean identity = f != null && f.type().equals("LinearFunction") && Math.abs(f.at(1) - f.at(0)) == 1
                    && f.at(0) == 0;
            if (!identity) {
                return MotionType.COUPLED;
            }
            return Xml.name(ax).startsWith("rotation") ? MotionType.ROTATIONAL : MotionType.TRANSLATIONAL;
        }
        return MotionType.ROTATIONAL;
    }

    private List<Kinematics.Axis> axes(Element j) {
        List<Kinematics.Axis> out = new ArrayList<>();
        List<Element> cs = new ArrayList<>(Xml.children(Xml.child(j, "coordinates")));
        cs.addAll(Xml.members(Xml.child(j, "CoordinateSet")));
        int[] q = new int[cs.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = coordinateIndex.get(Xml.name(cs.get(i)));
        }
        OsimFunction id = identity();
        switch (j.getTagName()) {
            case "PinJoint" -> out.add(new Kinematics.Axis(true, new double[] {0, 0, 1}, id, new int[] {q[0]}));
            case "SliderJoint" -> out.add(new Kinematics.Axis(false, new double[] {1, 0, 0}, id, new int[] {q[0]}));
            case "UniversalJoint" -> {
                out.add(new Kinematics.Axis(true, new double[] {1, 0, 0}, id, new int[] {q[0]}));
                out.add(new Kinematics.Axis(true, new double[] {0, 1, 0}, id, new int[] {q[1]}));
            }
            case "GimbalJoint" -> {
                out.add(new Kinematics.Axis(true, new double[] {1, 0, 0}, id, new int[] {q[0]}));
                out.add(new Kinematics.Axis(true, new double[] {0, 1, 0}, id, new int[] {q[1]}));
                out.add(new Kinematics.Axis(true, new double[] {0, 0, 1}, id, new int[] {q[2]}));
            }
            case "CustomJoint" -> {
                Element st = Xml.child(j, "SpatialTransform");
                for (Element ax : Xml.children(st)) {
                    if (!ax.getTagName().equals("TransformAxis")) {
                        continue;
                    }
                    String w = where(j) + " " + Xml.name(ax);
                    String[] names = Xml.text(ax, "coordinates") == null ? new String[0]
                            : Xml.text(ax, "coordinates").trim().split("\\s+");
                    List<Integer> idx = new ArrayList<>();
                    for (String n : names) {
                        if (!n.isEmpty()) {
                            idx.add(coordinate(n, w + " <coordinates>"));
                        }
                    }
                    OsimFunction f = OsimFunction.in(ax, "function", w);
                    if (f == null) {
                        continue;
                    }
                    out.add(new Kinematics.Axis(Xml.name(ax).startsWith("rotation"), Xml.vec3(ax, "axis", w), f,
                            idx.stream().mapToInt(Integer::intValue).toArray()));
                }
            }
            default -> {
                // WeldJoint: no motion
            }
        }
        return out;
    }

    private static OsimFunction identity() {
        return new OsimFunction.Univariate("identity") {
            @Override
            double at(double x) {
                return x;
            }
        };
    }

    private void collectWraps(Element owner, int body, double[] frame) {
        if (owner == null) {
            return;
        }
        for (Element w : Xml.members(Xml.child(owner, "WrapObjectSet"))) {
            String n = Xml.name(w);
            String at = where(w);
            if (!w.getTagName().equals("WrapCylinder") && !w.getTagName().equals("WrapSphere")) {
                otherWraps.put(n, w.getTagName());
                continue;
            }
            double[] x = Rigid.compose(frame, Rigid.fromXyzBody(Xml.vec3(w, "xyz_body_rotation", at),
                    Xml.vec3(w, "translation", at)));
            String quadrant = Xml.text(w, "quadrant");
            int axis = 0;
            int sign = 0;
            if (quadrant != null && !quadrant.isEmpty() && !quadrant.equalsIgnoreCase("all")
                    && !quadrant.equals("Unassigned")) {
                String qd = quadrant.toLowerCase(java.util.Locale.ROOT);
                sign = qd.startsWith("-") ? -1 : 1;
                char c = qd.charAt(qd.length() - 1);
                axis = c == 'x' ? 0 : c == 'y' ? 1 : c == 'z' ? 2 : -1;
                if (axis < 0) {
                    throw new DataException(at + ": quadrant " + Excerpt.quoted(quadrant) + " is not one of all, ±x, ±y, ±z");
                }
            }
            double radius = Xml.number(w, "radius", 1, at);
            if (!(radius > 0)) {
                throw new DataException(at + ": <radius> must be > 0, is " + radius);
            }
            cylinders.put(n, w.getTagName().equals("WrapSphere")
                    ? new WrapSphere(n, body, x, radius, axis, sign, Xml.bool(w, "active", true))
                    : new WrapCylinder(n, body, x, radius, Xml.number(w, "length", 1, at), axis, sign,
                            Xml.bool(w, "active", true)));
        }
    }

    private MusclePath path(Element m) {
        String mn = Xml.name(m);
        Element gp = Xml.child(m, "GeometryPath");
        if (gp == null && Xml.child(m, "path") != null) {
            gp = Xml.child(Xml.child(m, "path"), "GeometryPath");
        }
        if (gp == null) {
            return new MusclePath(mn, List.of(), List.of(), null, null,
                    "muscle " + mn + ": no GeometryPath (its path type is not supported)");
        }
        List<MusclePath.Point> points = new ArrayList<>();
        for (Element p : Xml.members(Xml.child(gp, "PathPointSet"))) {
            String at = where(m) + " " + p.getTagName() + " " + Xml.name(p);
            String frameRef = Xml.text(p, "socket_parent_frame");
            Kinematics.Frame f = frameRef != null ? frame(frameRef, null, at)
                    : new Kinematics.Frame(Xml.text(p, "body"), body(Xml.text(p, "body"), at + " <body>"),
                            Rigid.identity());
            double[] loc = Xml.vec3(p, "location", at);
            switch (p.getTagName()) {
                case "PathPoint" -> points.add(new MusclePath.Fixed(Xml.name(p), f, loc));
                case "ConditionalPathPoint" -> {
                    String c = Xml.text(p, "socket_coordinate");
                    if (c == null) {
                        c = Xml.text(p, "coordinate");
                    }
                    double[] r = Xml.numbers(Xml.text(p, "range"), at + " <range>");
                    if (r.length != 2) {
                        throw new DataException(at + ": <range> needs 2 numbers");
                    }
                    points.add(new MusclePath.Conditional(Xml.name(p), f, loc, coordinate(c, at), r[0], r[1]));
                }
                case "MovingPathPoint" -> {
                    OsimFunction[] fs = new OsimFunction[3];
                    int[] cs = new int[3];
                    String[] axes = {"x", "y", "z"};
                    for (int k = 0; k < 3; k++) {
                        fs[k] = OsimFunction.in(p, axes[k] + "_location", at);
                        String c = Xml.text(p, "socket_" + axes[k] + "_coordinate");
                        if (c == null) {
                            c = Xml.text(p, axes[k] + "_coordinate");
                        }
                        cs[k] = fs[k] == null ? -1 : coordinate(c, at + " <" + axes[k] + "_coordinate>");
                    }
                    points.add(new MusclePath.Moving(Xml.name(p), f, loc, fs, cs));
                }
                default -> {
                    return new MusclePath(mn, List.of(), List.of(), null, null, "muscle " + mn + ": path point "
                            + Xml.name(p) + " is a " + p.getTagName() + ", which is not supported");
                }
            }
        }
        if (points.size() < 2) {
            return new MusclePath(mn, points, List.of(), null, null, "muscle " + mn + ": its path has "
                    + points.size() + " points (needs 2)");
        }
        for (MusclePath.Point pt : points) {
            String why = blockedBy.get(pt.frame.body());
            if (why != null) {
                return new MusclePath(mn, points, List.of(), null, null, "muscle " + mn + ": path point " + pt.name
                        + " is on body " + bodies.get(pt.frame.body()) + ", which cannot be posed: " + why);
            }
        }
        List<MusclePath.Wrap> wraps = new ArrayList<>();
        for (Element w : Xml.members(Xml.child(gp, "PathWrapSet"))) {
            String wo = Xml.text(w, "wrap_object");
            WrapSurface c = cylinders.get(wo);
            if (c == null) {
                String type = otherWraps.get(wo);
                String why = type == null ? "no wrap object named " + Excerpt.quoted(wo) + " in the model"
                        : "wrap object " + wo + " is a " + type + ", which Myoflow does not model (supported: "
                                + "WrapCylinder, WrapSphere)";
                return new MusclePath(mn, points, List.of(), null, null, "muscle " + mn + ": " + why);
            }
            if (blockedBy.containsKey(c.body)) {
                return new MusclePath(mn, points, List.of(), null, null, "muscle " + mn + ": wrap object " + wo
                        + " is on body " + bodies.get(c.body) + ", which cannot be posed: " + blockedBy.get(c.body));
            }
            double[] r = Xml.numbers(Xml.text(w, "range"), where(w) + " <range>");
            wraps.add(new MusclePath.Wrap(c, r.length > 0 ? (int) r[0] : -1, r.length > 1 ? (int) r[1] : -1));
        }
        return new MusclePath(mn, points, wraps, null, null, null);
    }

    private Muscle muscle(Element m, MusclePath path) {
        String at = where(m);
        String type = m.getTagName();
        double tact;
        double tdeact;
        Element dyn = Xml.child(m, "MuscleFirstOrderActivationDynamicModel");
        Element src = dyn != null ? dyn : m;
        double dTact = type.startsWith("Millard") ? 0.01 : 0.015;
        double dTdeact = type.startsWith("Millard") ? 0.04 : type.startsWith("DeGroote") ? 0.06 : 0.05;
        tact = Xml.number(src, "activation_time_constant", dTact, at);
        tdeact = Xml.number(src, "deactivation_time_constant", dTdeact, at);
        String desc = path.problem != null ? "not modelled"
                : "geometry: " + path.points.size() + " points, " + path.wraps.size() + " wraps";
        return new Muscle(Xml.name(m), type, Xml.number(m, "max_isometric_force", Double.NaN, at),
                Xml.number(m, "optimal_fiber_length", Double.NaN, at),
                Xml.number(m, "tendon_slack_length", Double.NaN, at),
                Xml.number(m, "pennation_angle_at_optimal", 0, at),
                Xml.number(m, "max_contraction_velocity", 10, at), tact, tdeact, desc, path.problem);
    }

    private void applyFunctionBasedPaths(Path fbp, List<Muscle> muscles, List<MusclePath> paths) {
        Document doc = Xml.parse(fbp);
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < muscles.size(); i++) {
            byName.put(muscles.get(i).name(), i);
        }
        List<Element> found = new ArrayList<>();
        collect(doc.getDocumentElement(), "FunctionBasedPath", found);
        if (found.isEmpty()) {
            throw new DataException(fbp + ": no <FunctionBasedPath> elements");
        }
        for (Element e : found) {
            String n = Xml.name(e);
            String mn = n.substring(n.lastIndexOf('/') + 1);
            String at = fbp.getFileName() + ": <FunctionBasedPath name=\"" + n + "\">";
            Integer i = byName.get(mn);
            if (i == null) {
                notModelled.add(at + ": the model has no muscle " + mn + " (ignored)");
                continue;
            }
            String[] cps = Xml.text(e, "coordinate_paths") == null ? new String[0]
                    : Xml.text(e, "coordinate_paths").trim().split("\\s+");
            int[] cs = new int[cps.length];
            for (int k = 0; k < cps.length; k++) {
                cs[k] = coordinate(cps[k], at + " <coordinate_paths>");
            }
            OsimFunction f = OsimFunction.in(e, "length_function", at);
            if (f == null) {
                throw new DataException(at + ": no <length_function>");
            }
            if (f instanceof OsimFunction.MultiPoly mp && mp.dimension != cs.length) {
                throw new DataException(at + ": the length function has dimension " + mp.dimension + " but "
                        + cs.length + " coordinate paths");
            }
            paths.set(i, new MusclePath(mn, List.of(), List.of(), f, cs, null));
            Muscle m = muscles.get(i);
            muscles.set(i, new Muscle(m.name(), m.type(), m.maxIsometricForce(), m.optimalFiberLength(),
                    m.tendonSlackLength(), m.pennationAngleAtOptimal(), m.maxContractionVelocity(),
                    m.activationTimeConstant(), m.deactivationTimeConstant(), "function-based: " + f.type() + " of "
                            + String.join(", ", List.of(cps).stream().map(s -> s.substring(s.lastIndexOf('/') + 1))
                                    .toList()), null));
        }
    }

    private static void collect(Element e, String tag, List<Element> out) {
        for (Element c : Xml.children(e)) {
            if (c.getTagName().equals(tag)) {
                out.add(c);
            } else {
                collect(c, tag, out);
            }
        }
    }
}
