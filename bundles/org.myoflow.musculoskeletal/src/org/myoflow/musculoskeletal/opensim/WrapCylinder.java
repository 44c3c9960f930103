package org.myoflow.musculoskeletal.opensim;

/**
 * A wrap cylinder and OpenSim's algorithm for wrapping one straight path segment over it (the cylinder's axis is
 * its frame's z axis, centred at the origin, {@code length} long). In the cylinder's frame: (1) a point inside the
 * radius stops wrapping ({@link #INSIDE_RADIUS}); (2) an unconstrained cylinder wraps only when the segment passes
 * within the radius of the axis segment ({@link #MANDATORY}), else {@link #NO_WRAP}; a quadrant-constrained one
 * ("+x", "-y", ...) wraps on its active side; (3) the tangent-point candidates from each end, the choice between
 * them (by the active quadrant, or else by the pair that turns least), the long-wrap test; (4) the tangent points
 * slid along the cylinder to the plane through both ends and the apex; (5) no wrap when both tangent points lie
 * beyond the cylinder's ends; (6) the helix between the tangent points, whose length is the wrapped length: with
 * {@code adjust} the tangent points are moved along the axis (at most 100 times) until the straight parts meet the
 * helix within 0.1°, as OpenSim does when it samples the helix every 2 mm.
 */
final class WrapCylinder extends WrapSurface {

    private static final double TANGENCY = 0.1 * Math.PI / 180;
    private static final int MAX_ITERATIONS = 100;
    private static final double[] AXIS_POINT = {0, 0, -1};
    private static final double[] DN = {0, 0, 1};

    final double radius;
    final double length;

    WrapCylinder(String name, int body, double[] transform, double radius, double length, int wrapAxis,
            int wrapSign, boolean active) {
        super(name, body, transform, wrapAxis, wrapSign, active);
        this.radius = radius;
        this.length = length;
    }

    private static double[] onAxis(double[] p) {
        // closest point to p on the z axis (OpenSim: line through (0,0,-1) along (0,0,1))
        return new double[] {0, 0, p[2]};
    }

    /** Closest point to p on the line through linePt along dir (dir need not be normalised; zero dir: linePt). */
    static double[] closestOnLine(double[] p, double[] linePt, double[] dir) {
        double[] u = Rigid.unitOrZero(dir);
        double t = Rigid.dot(Rigid.sub(p, linePt), u);
        return Rigid.addScaled(linePt, t, u);
    }

    /**
     * Closest points of the lines p1→p2 and p3→p4: {pointOnFirst, pointOnSecond, s, t} with s, t the parameters
     * along p1→p2 and p3→p4 (0 at the first point, 1 at the second); null when the lines are parallel.
     */
    static Object[] intersectLines(double[] p1, double[] p2, double[] p3, double[] p4) {
        double[] u = Rigid.sub(p2, p1);
        double[] v = Rigid.sub(p4, p3);
        double a = Rigid.dot(u, u);
        double b = Rigid.dot(u, v);
        double c = Rigid.dot(v, v);
        if (a == 0 || c == 0) {
            return null;
        }
        double[] cr = Rigid.cross(Rigid.unitOrZero(u), Rigid.unitOrZero(v));
        if (Rigid.dot(cr, cr) < 1e-20) {
            return null;
        }
        double[] w = Rigid.sub(p1, p3);
        double d = Rigid.dot(u, w);
        double e = Rigid.dot(v, w);
        double den = a * c - b * b;
        double s = (b * e - c * d) / den;
        double t = (a * e - b * d) / den;
        return new Object[] {Rigid.addScaled(p1, s, u), Rigid.addScaled(p3, t, v), s, t};
    }

    /**
     * Intersection of the segment pt1→pt2 with the plane {x: n·x + d = 0}, within a small tolerance of the segment's
     * ends; null when it misses or is parallel.
     */
    private static double[] intersectSegPlane(double[] pt1, double[] pt2, double[] n, double d) {
        double[] v = Rigid.sub(pt2, pt1);
        double dot = Rigid.dot(v, n);
        if (Math.abs(dot) < 1e-5) {
            return null;
        }
        double t = (-d - Rigid.dot(n, pt1)) / dot;
        if (t < -1e-5 || t > 1 + 1e-5) {
            return null;
        }
        return Rigid.addScaled(pt1, t, v);
    }

    private static double angleBetween(double[] a, double[] b) {
        return Math.acos(Rigid.dot(a, b) / (Rigid.norm(a) * Rigid.norm(b)));
    }

    /**
     * Wraps the segment a→b (cylinder frame).
     *
     * @param adjust whether to iterate the tangent points to tangency with the helix (OpenSim with several wrap
     *               objects on a path, or with visualisation); without, the first estimate is kept
     * @return {@link #NO_WRAP}, {@link #INSIDE_RADIUS}, {@link #WRAPPED} or {@link #MANDATORY}; the result is filled
     *         for the last two
     */
    @Override
    int wrap(double[] a, double[] b, Result out, boolean adjust) {
        double r = radius;
        double rr = r * r;
        boolean constrained = wrapSign != 0;
        if (distSqToAxis(a) < rr || distSqToAxis(b) < rr) {
            return INSIDE_RADIUS;
        }
        int code = WRAPPED;
        Object[] il = intersectLines(a, b, new double[] {0, 0, -0.5 * length}, new double[] {0, 0, 0.5 * length});
        double[] near12 = il == null ? new double[3] : (double[]) il[0];
        double[] near00 = il == null ? new double[3] : (double[]) il[1];
        double t12 = il == null ? Double.NaN : (double) il[2];
        boolean hits = Rigid.distSq(near12, near00) < rr && t12 > 0 && t12 < 1;
        if (!constrained) {
            if (hits) {
                code = MANDATORY;
            } else {
                return NO_WRAP;
            }
        }
        double[] p11 = onAxis(a);
        double[] p22 = onAxis(b);
        double[] vv = Rigid.sub(a, p11);
        double p11Dist = Rigid.norm(vv);
        vv = Rigid.unitOrZero(vv);
        double sinTheta = r / p11Dist;
        double dist = r * sinTheta;
        double[] pp = Rigid.addScaled(p11, dist, vv);
        dist = Math.sqrt(rr - dist * dist);
        double[] uu = Rigid.cross(DN, vv);
        double[] r1a = Rigid.addScaled(pp, dist, uu);
        double[] r1b = Rigid.addScaled(pp, -dist, uu);

        vv = Rigid.sub(b, p22);
        double p22Dist = Rigid.norm(vv);
        vv = Rigid.unitOrZero(vv);
        sinTheta = r / p22Dist;
        dist = r * sinTheta;
        pp = Rigid.addScaled(p22, dist, vv);
        dist = Math.sqrt(rr - dist * dist);
        uu = Rigid.cross(DN, vv);
        double[] r2a = Rigid.addScaled(pp, dist, uu);
        double[] r2b = Rigid.addScaled(pp, -dist, uu);

        boolean farSide = false;
        boolean longWrap = false;
        double[] r1;
        double[] r2;
        if (constrained) {
            int ax = wrapAxis;
            int sg = wrapSign;
            if (dsign(a[ax]) == sg || dsign(b[ax]) == sg) {
                if (hits) {
                    code = MANDATORY;
                } else if (dsign(a[ax]) != dsign(b[ax]) && dsign(near12[ax]) != sg) {
                    code = WRAPPED;
                } else {
                    return NO_WRAP;
                }
            }
            double alpha = angleBetween(Rigid.sub(r1a, p11), Rigid.sub(r2b, p22));
            double beta = angleBetween(Rigid.sub(r1b, p11), Rigid.sub(r2a, p22));
            boolean aOn = dsign(r1a[ax]) == sg;
            boolean bOn = dsign(r1b[ax]) == sg;
            if (aOn && bOn) {
                if (dsign(r2a[ax]) == sg) {
                    r1 = r1b;
                    r2 = r2a;
                    farSide = !(alpha > beta);
                } else {
                    r1 = r1a;
                    r2 = r2b;
                    farSide = alpha > beta;
                }
            } else if (aOn) {
                r1 = r1a;
                r2 = r2b;
                farSide = alpha > beta;
            } else if (bOn) {
                r1 = r1b;
                r2 = r2a;
                farSide = !(alpha > beta);
            } else if (dsign(r2a[ax]) == sg) {
                r1 = r1b;
                r2 = r2a;
                farSide = !(alpha > beta);
            } else if (dsign(r2b[ax]) == sg) {
                r1 = r1a;
                r2 = r2b;
                farSide = alpha > beta;
            } else {
                farSide = true;
                if (alpha > beta) {
                    r1 = r1a;
                    r2 = r2b;
                } else {
                    r1 = r1b;
                    r2 = r2a;
                }
            }
            double[] sumMusc = Rigid.add(Rigid.sub(r1, a), Rigid.sub(r2, b));
            double[] sumR = Rigid.add(Rigid.sub(r1, p11), Rigid.sub(r2, p22));
            longWrap = Rigid.dot(sumR, sumMusc) < 0;
        } else {
            double[] r1am = Rigid.unitOrZero(Rigid.sub(r1a, p11));
            double[] r1bm = Rigid.unitOrZero(Rigid.sub(r1b, p11));
            double[] r2am = Rigid.unitOrZero(Rigid.sub(r2a, p22));
            double[] r2bm = Rigid.unitOrZero(Rigid.sub(r2b, p22));
            double dot1 = Rigid.dot(r1am, r2am);
            double dot2 = Rigid.dot(r1am, r2bm);
            double dot3 = Rigid.dot(r1bm, r2am);
            double dot4 = Rigid.dot(r1bm, r2bm);
            if (dot1 > dot2 && dot1 > dot3 && dot1 > dot4) {
                r1 = r1a;
                r2 = r2a;
            } else if (dot2 > dot3 && dot2 > dot4) {
                r1 = r1a;
                r2 = r2b;
            } else if (dot3 > dot4) {
                r1 = r1b;
                r2 = r2a;
            } else {
                r1 = r1b;
                r2 = r2b;
            }
        }

        // the apex: on the cylinder, in the plane through a, b and the axis point below the muscle line's point
        // that divides it in the ratio of the ends' distances from the axis
        double t = p11Dist / (p11Dist + p22Dist);
        double[] mpt = Rigid.addScaled(a, t, Rigid.sub(b, a));
        double[] axispt = onAxis(mpt);
        double[] l1 = Rigid.unitOrZero(Rigid.sub(a, axispt));
        double[] l2 = Rigid.unitOrZero(Rigid.sub(b, axispt));
        double[] pn = Rigid.unitOrZero(Rigid.cross(l1, l2));
        double[] vert1 = Rigid.unitOrZero(Rigid.cross(DN, pn));
        double[] vert2 = Rigid.unitOrZero(Rigid.cross(pn, DN));
        double[] apex1 = Rigid.addScaled(axispt, r, vert1);
        double[] apex2 = Rigid.addScaled(axispt, r, vert2);
        double dist1 = Rigid.distSq(mpt, apex1);
        double dist2 = Rigid.distSq(mpt, apex2);
        double[] apex;
        if (farSide) {
            apex = dist1 < dist2 ? apex2 : apex1;
        } else {
            apex = dist1 < dist2 ? apex1 : apex2;
        }

        // slide r1 and r2 along the cylinder to the plane through a, b and the apex
        double[] u1 = Rigid.unitOrZero(Rigid.sub(a, apex));
        double[] v1 = Rigid.unitOrZero(Rigid.sub(b, apex));
        double[] n = Rigid.unitOrZero(Rigid.cross(u1, v1));
        double d = -Rigid.dot(a, n);
        double[] r1p = intersectSegPlane(Rigid.addScaled(r1, -10, DN), Rigid.addScaled(r1, 10, DN), n, d);
        double[] r2p = intersectSegPlane(Rigid.addScaled(r2, -10, DN), Rigid.addScaled(r2, 10, DN), n, d);
        if (r1p != null) {
            double[] c = closestOnLine(r1p, p11, p22);
            if (Rigid.distSq(c, p22) < Rigid.distSq(p11, p22)) {
                r1 = r1p;
            }
        }
        if (r2p != null) {
            double[] c = closestOnLine(r2p, p11, p22);
            if (Rigid.distSq(c, p11) < Rigid.distSq(p22, p11)) {
                r2 = r2p;
            }
        }
        double half = length / 2;
        if ((r1[2] < -half || r1[2] > half) && (r2[2] < -half || r2[2] > half)) {
            return NO_WRAP;
        }
        out.r1 = r1.clone();
        out.r2 = r2.clone();
        spiral(a, b, longWrap, out, adjust);
        return code;
    }

    private static double distSqToAxis(double[] p) {
        return Rigid.distSq(p, closestOnLine(p, AXIS_POINT, DN));
    }

    /** The helix from out.r1 to out.r2 and its length; with adjust, the tangent points iterated to tangency. */
    private void spiral(double[] a, double[] b, boolean longWrap, Result out, boolean adjust) {
        double sense = longWrap ? -1 : 1;
        int iterations = 0;
        while (true) {
            double[] r1a = onAxis(out.r1);
            double[] r2a = onAxis(out.r2);
            double[] axial = Rigid.sub(r2a, r1a);
            double axialDist = Rigid.norm(axial);
            double[] uu = Rigid.scale(1 / radius, Rigid.sub(out.r1, r1a));
            double[] vv = Rigid.scale(1 / radius, Rigid.sub(out.r2, r2a));
            double theta = angleBetween(uu, vv);
            if (longWrap) {
                theta = 2 * Math.PI - theta;
            }
            double x = radius * theta;
            out.arc = Math.sqrt(x * x + axialDist * axialDist);
            if (!adjust) {
                return;
            }
            double[] ax = Rigid.unitOrZero(Rigid.cross(uu, vv));
            int segments = Math.max(1, (int) (out.arc / 0.002));
            if (segments < 2 || iterations >= MAX_ITERATIONS) {
                return;
            }
            double t = 1.0 / segments;
            double[] w1 = helixPoint(r1a, axial, uu, ax, sense, t, theta);
            boolean moved1 = adjustTangent(a, out.r1, w1);
            double[] w2 = helixPoint(r1a, axial, uu, ax, sense, 1 - t, theta);
            boolean moved2 = adjustTangent(b, out.r2, w2);
            if (!(moved1 || moved2)) {
                return;
            }
            iterations++;
        }
    }

    /** r1a + radius·Rot(ax, sense·t·theta)·uu + t·axial. */
    private double[] helixPoint(double[] r1a, double[] axial, double[] uu, double[] ax, double sense, double t,
            double theta) {
        double[] radial = Rigid.rotate(Rigid.axisAngle(ax.clone(), sense * t * theta), uu);
        if (Rigid.norm(ax) == 0) {
            radial = uu;
        }
        return Rigid.add(Rigid.addScaled(r1a, radius, radial), Rigid.scale(t, axial));
    }

    /**
     * Moves the tangent point r (in place) along the axis when the line from the end point p to r and the helix's
     * first chord r→w differ in their angle to the axis by more than 0.1°: r goes 1.5 times the way to where the
     * line p→w crosses the cylinder line through r.
     */
    private static boolean adjustTangent(double[] p, double[] r, double[] w) {
        double[] pr = Rigid.unitOrZero(Rigid.sub(r, p));
        double[] rw = Rigid.unitOrZero(Rigid.sub(w, r));
        double alpha = Math.acos(Rigid.dot(pr, DN));
        double omega = Math.acos(Rigid.dot(rw, DN));
        if (!(Math.abs(alpha - omega) > TANGENCY)) {
            return false;
        }
        double[] p1a = closestOnLine(p, r, DN);
        double[] w1a = closestOnLine(w, r, DN);
        Object[] il = intersectLines(p, w, p1a, w1a);
        if (il == null) {
            return false;
        }
        double[] onCyl = (double[]) il[1];
        for (int i = 0; i < 3; i++) {
            r[i] += 1.5 * (onCyl[i] - r[i]);
        }
        return true;
    }
}
