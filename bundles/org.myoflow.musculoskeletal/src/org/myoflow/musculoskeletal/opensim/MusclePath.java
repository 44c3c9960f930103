package org.myoflow.musculoskeletal.opensim;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.core.data.DataException;

/**
 * A muscle's path: a geometry path (path points, conditional points active in a coordinate range, moving points
 * whose location is a function of coordinates, wrap cylinders) or a function-based path (length as a function of
 * coordinates), or a path that cannot be modelled ({@link #problem}).
 * <p>
 * The geometry path's length follows OpenSim's GeometryPath: the active points in order; then each wrap (in the
 * path's order) removes its previous tangent points, tries every segment between its first and last active point
 * in range and keeps the mandatory wrap (the segment crosses the cylinder) or else the wrap that lengthens the path
 * least, inserting its two tangent points; with several wraps this repeats (at most 8 times) until the length
 * changes by less than 0.5 mm, and when the first wrap does not wrap while a point is inside the second cylinder
 * the first two are swapped. Straight segments add their lengths, the segment between a wrap's two tangent points
 * adds the helix length.
 */
final class MusclePath {

    /** A path point: fixed, conditional or moving. */
    abstract static class Point {
        final String name;
        final Kinematics.Frame frame;

        Point(String name, Kinematics.Frame frame) {
            this.name = name;
            this.frame = frame;
        }

        /** Location in the frame's body. */
        double[] inBody(double[] q) {
            return Rigid.apply(frame.transform(), local(q));
        }

        abstract double[] local(double[] q);

        boolean active(double[] q) {
            return true;
        }
    }

    static final class Fixed extends Point {
        final double[] location;

        Fixed(String name, Kinematics.Frame frame, double[] location) {
            super(name, frame);
            this.location = location;
        }

        @Override
        double[] local(double[] q) {
            return location;
        }
    }

    /** Active while its coordinate is within [lo, hi] (OpenSim's tolerance 1e-5 included). */
    static final class Conditional extends Point {
        final double[] location;
        final int coordinate;
        final double lo;
        final double hi;

        Conditional(String name, Kinematics.Frame frame, double[] location, int coordinate, double lo, double hi) {
            super(name, frame);
            this.location = location;
            this.coordinate = coordinate;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        double[] local(double[] q) {
            return location;
        }

        @Override
        boolean active(double[] q) {
            double v = q[coordinate];
            return v >= lo - 1e-5 && v <= hi + 1e-5;
        }
    }

    /** x, y, z each a function of a coordinate (or the fixed location's component when absent). */
    static final class Moving extends Point {
        final double[] location;
        final OsimFunction[] functions;
        final int[] coordinates;

        Moving(String name, Kinematics.Frame frame, double[] location, OsimFunction[] functions, int[] coordinates) {
            super(name, frame);
            this.location = location;
            this.functions = functions;
            this.coordinates = coordinates;
        }

        @Override
        double[] local(double[] q) {
            double[] p = location.clone();
            for (int k = 0; k < 3; k++) {
                if (functions[k] != null) {
                    p[k] = functions[k].at(coordinates[k] < 0 ? 0 : q[coordinates[k]]);
                }
            }
            return p;
        }
    }

    /** One entry of a path's wrap set. */
    record Wrap(WrapSurface surface, int start, int end) {
    }

    final String muscle;
    final List<Point> points;
    final List<Wrap> wraps;
    /** Function-based path: length function and its coordinates (null for geometry paths). */
    final OsimFunction lengthFunction;
    final int[] functionCoordinates;
    /** Why the length cannot be computed, or null. */
    final String problem;

    MusclePath(String muscle, List<Point> points, List<Wrap> wraps, OsimFunction lengthFunction,
            int[] functionCoordinates, String problem) {
        this.muscle = muscle;
        this.points = List.copyOf(points);
        this.wraps = List.copyOf(wraps);
        this.lengthFunction = lengthFunction;
        this.functionCoordinates = functionCoordinates;
        this.problem = problem;
    }

    /** A node of the current path. */
    private static final class Node {
        final int body;
        final double[] inBody;
        final double[] ground;
        final Point point;
        /** Index into {@link #wraps} for tangent points, else -1. */
        final int wrap;
        final double arc;
        /** 0 for a wrap's first tangent point, 1 for its second. */
        final int slot;

        Node(int body, double[] inBody, double[] ground, Point point, int wrap, double arc, int slot) {
            this.body = body;
            this.inBody = inBody;
            this.ground = ground;
            this.point = point;
            this.wrap = wrap;
            this.arc = arc;
            this.slot = slot;
        }

        /**
         * The ground position as OpenSim measures it: a tangent point's as first measured (see
         * {@link MusclePath#length}).
         */
        double[] measured(double[][][] cache) {
            if (wrap < 0 || cache == null) {
                return ground;
            }
            if (cache[wrap][slot] == null) {
                cache[wrap][slot] = ground;
            }
            return cache[wrap][slot];
        }
    }

    /**
     * The length at a pose.
     *
     * @param openSimCompatible measure as OpenSim 4.4 does: the ground positions of a wrap's tangent points are
     *                          those of the first time they were measured while the path was being solved (OpenSim
     *                          caches them and later passes of the wrap iteration do not refresh the cache), so with
     *                          several wraps on a path the measured points differ from the final ones; false
     *                          measures the final geometry
     */
    double length(double[][] pose, double[] q, boolean openSimCompatible) {
        if (problem != null) {
            throw new DataException(problem);
        }
        if (lengthFunction != null) {
            return lengthFunction.value(args(q));
        }
        double[][][] cache = openSimCompatible ? new double[wraps.size()][2][] : null;
        List<Node> cp = currentPath(pose, q, cache);
        return pathLength(cp, cache);
    }

    private double[] args(double[] q) {
        double[] x = new double[functionCoordinates.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = q[functionCoordinates[i]];
        }
        return x;
    }

    private static double pathLength(List<Node> path, double[][][] cache) {
        double len = 0;
        for (int i = 1; i < path.size(); i++) {
            Node p1 = path.get(i - 1);
            Node p2 = path.get(i);
            double[] g1 = p1.measured(cache);
            double[] g2 = p2.measured(cache);
            if (p1.wrap >= 0 && p1.wrap == p2.wrap) {
                len += p2.arc;
            } else {
                len += Rigid.dist(g1, g2);
            }
        }
        return len;
    }

    private List<Node> currentPath(double[][] pose, double[] q, double[][][] cache) {
        List<Node> path = new ArrayList<>();
        for (Point p : points) {
            if (p.active(q)) {
                double[] b = p.inBody(q);
                path.add(new Node(p.frame.body(), b, Rigid.apply(pose[p.frame.body()], b), p, -1, 0, 0));
            }
        }
        if (!wraps.isEmpty()) {
            applyWraps(pose, q, path, cache);
        }
        return path;
    }

    private void applyWraps(double[][] pose, double[] q, List<Node> path, double[][][] cache) {
        int n = wraps.size();
        int[] result = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // OpenSim iterates the tangent points to tangency only when more than one wrap object is on the path
        boolean adjust = n > 1;
        int maxIterations = n < 2 ? 1 : 8;
        double lastLength = Double.POSITIVE_INFINITY;
        for (int kk = 0; kk < maxIterations; kk++) {
            for (int i = 0; i < n; i++) {
                result[i] = WrapSurface.NO_WRAP;
                int w = order[i];
                Wrap ws = wraps.get(w);
                removeTangentPoints(path, w);
                WrapSurface cyl = ws.surface();
                if (!cyl.active) {
                    continue;
                }
                int wrapStart = ws.start() < 1 ? 0 : ws.start() - 1;
                int wrapEnd = ws.end() < 1 ? points.size() - 1 : ws.end() - 1;
                int jf = wrapStart;
                while (jf <= wrapEnd && !points.get(jf).active(q)) {
                    jf++;
                }
                if (jf > wrapEnd) {
                    return;
                }
                int jr = wrapEnd;
                while (jr >= wrapStart && !points.get(jr).active(q)) {
                    jr--;
                }
                if (jr < wrapStart) {
                    return;
                }
                Point smp = points.get(jf);
                Point emp = points.get(jr);
                int start = -1;
                int end = -1;
                for (int j = 0; j < path.size(); j++) {
                    if (path.get(j).point == smp) {
                        start = j;
                    }
                    if (path.get(j).point == emp) {
                        end = j;
                    }
                }
                if (start < 0 || end < 0) {
                    return;
                }
                double[] xgw = Rigid.compose(pose[cyl.body], cyl.transform);
                WrapSurface.Result best = null;
                int bestEnd = -1;
                double minChange = Double.POSITIVE_INFINITY;
                for (int pt1 = start; pt1 < end; pt1++) {
                    Node a = path.get(pt1);
                    Node b = path.get(pt1 + 1);
                    if (a.wrap >= 0 && a.wrap == b.wrap) {
                        continue;
                    }
                    WrapSurface.Result wr = new WrapSurface.Result();
                    int code = cyl.wrap(Rigid.applyInverse(xgw, a.ground), Rigid.applyInverse(xgw, b.ground), wr,
                            adjust);
                    result[i] = code;
                    if (code == WrapSurface.MANDATORY) {
                        best = wr;
                        bestEnd = pt1 + 1;
                        break;
                    } else if (code == WrapSurface.WRAPPED) {
                        double[] g1 = Rigid.apply(xgw, wr.r1);
                        double[] g2 = Rigid.apply(xgw, wr.r2);
                        double[] ag = a.measured(cache);
                        double[] bg = b.measured(cache);
                        double change = Rigid.dist(ag, g1) + wr.arc + Rigid.dist(bg, g2) - Rigid.dist(ag, bg);
                        if (change < minChange) {
                            best = wr;
                            bestEnd = pt1 + 1;
                            minChange = change;
                        }
                    }
                }
                if (best != null) {
                    double[] b1 = Rigid.apply(cyl.transform, best.r1);
                    double[] b2 = Rigid.apply(cyl.transform, best.r2);
                    path.add(bestEnd, new Node(cyl.body, b1, Rigid.apply(pose[cyl.body], b1), null, w, 0, 0));
                    path.add(bestEnd + 1, new Node(cyl.body, b2, Rigid.apply(pose[cyl.body], b2), null, w,
                            best.arc, 1));
                }
            }
            double length = pathLength(path, cache);
            if (Math.abs(length - lastLength) < 0.0005) {
                break;
            }
            lastLength = length;
            if (kk == 0 && n > 1 && result[0] == WrapSurface.NO_WRAP && result[1] == WrapSurface.INSIDE_RADIUS) {
                order[0] = 1;
                order[1] = 0;
                removeTangentPoints(path, 0);
            }
        }
    }

    private static void removeTangentPoints(List<Node> path, int wrap) {
        for (int j = 0; j < path.size(); j++) {
            if (path.get(j).wrap == wrap) {
                path.remove(j);
                path.remove(j);
                return;
            }
        }
    }

    /** The current path with its points held at their body-fixed locations, for derivatives. */
    Frozen freeze(double[][] pose, double[] q) {
        if (problem != null) {
            throw new DataException(problem);
        }
        if (lengthFunction != null) {
            return (p, qq) -> lengthFunction.value(args(qq));
        }
        List<Node> path = currentPath(pose, q, null);
        return (p, qq) -> {
            double len = 0;
            double[] prev = null;
            for (int i = 0; i < path.size(); i++) {
                Node nd = path.get(i);
                double[] inBody = nd.point instanceof Moving m ? m.inBody(qq) : nd.inBody;
                double[] g = Rigid.apply(p[nd.body], inBody);
                if (i > 0) {
                    Node before = path.get(i - 1);
                    len += before.wrap >= 0 && before.wrap == nd.wrap ? nd.arc : Rigid.dist(prev, g);
                }
                prev = g;
            }
            return len;
        };
    }

    /** A path length as a function of pose and coordinates. */
    interface Frozen {
        double length(double[][] pose, double[] q);
    }
}
