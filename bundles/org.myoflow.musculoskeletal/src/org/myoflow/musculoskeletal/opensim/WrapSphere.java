package org.myoflow.musculoskeletal.opensim;

/**
 * A wrap sphere (centred at its frame's origin) and OpenSim's algorithm for wrapping one segment over it: no wrap
 * unless the segment crosses the sphere (both intersections of its line strictly between the end points); the
 * path runs in the plane through the centre and the segment; each end's two tangent points lie in that plane, and
 * the pair whose directions from the centre agree best is taken. A quadrant constraint ({@code +x}, {@code -y}, ...)
 * with an end point outside the active side makes a crossing a mandatory wrap, or a possible one when the ends lie
 * on opposite sides and the line's closest point to the centre is off the active side; it then picks each end's
 * tangent point towards the centre, flips to the other pair when the path would leave the active side, and marks a
 * far-side wrap, whose length OpenSim reports as {@code -(2π - θ)·r} (reproduced as is). The surface part is the
 * great-circle arc between the tangent points.
 */
final class WrapSphere extends WrapSurface {

    final double radius;

    WrapSphere(String name, int body, double[] transform, double radius, int wrapAxis, int wrapSign,
            boolean active) {
        super(name, body, transform, wrapAxis, wrapSign, active);
        this.radius = radius;
    }

    /** The two tangent points from p in the plane with normal n (p outside the sphere). */
    private double[][] tangents(double[] p, double[] n) {
        double dist = Rigid.norm(p);
        double[] y = Rigid.unitOrZero(Rigid.scale(-1, p));
        double[] z = Rigid.cross(n, y);
        double a = Math.asin(radius / dist);
        double reach = dist * Math.cos(a);
        // y rotated by ±a about n: y·cos a ∓ z·sin a
        double[] plus = Rigid.addScaled(Rigid.scale(Math.cos(a), y), -Math.sin(a), z);
        double[] minus = Rigid.addScaled(Rigid.scale(Math.cos(a), y), Math.sin(a), z);
        return new double[][] {Rigid.addScaled(p, reach, plus), Rigid.addScaled(p, reach, minus)};
    }

    @Override
    int wrap(double[] a, double[] b, Result out, boolean adjust) {
        if (Rigid.norm(a) < radius || Rigid.norm(b) < radius) {
            return INSIDE_RADIUS;
        }
        // intersections of the line b + l·(a - b) with the sphere
        double[] ri = Rigid.sub(a, b);
        double[] mp = Rigid.scale(-1, b);
        double qa = Rigid.dot(ri, ri);
        double qb = -2 * Rigid.dot(mp, ri);
        double qc = Rigid.dot(mp, mp) - radius * radius;
        double disc = qb * qb - 4 * qa * qc;
        if (disc < 0) {
            return NO_WRAP;
        }
        double l1 = (-qb + Math.sqrt(disc)) / (2 * qa);
        double l2 = (-qb - Math.sqrt(disc)) / (2 * qa);
        if (!(0 < l1 && l1 < 1) || !(0 < l2 && l2 < 1) || l1 < l2) {
            return NO_WRAP;
        }
        int code = WRAPPED;
        boolean farSide = false;
        double[] p1p2 = Rigid.unitOrZero(ri);
        double[] hp2 = Rigid.cross(p1p2, Rigid.unitOrZero(b));
        if (Rigid.norm(hp2) < 0.00001) {
            // the line passes (nearly) through the centre: OpenSim keeps the previous wrap's tangent points,
            // which a stateless computation does not have
            return NO_WRAP;
        }
        double[] n = Rigid.unitOrZero(hp2);
        double[][] t1 = tangents(a, n);
        double[][] t2 = tangents(b, n);
        double[] r1am = Rigid.unitOrZero(t1[0]);
        double[] r1bm = Rigid.unitOrZero(t1[1]);
        double[] r2am = Rigid.unitOrZero(t2[0]);
        double[] r2bm = Rigid.unitOrZero(t2[1]);
        double j1 = Rigid.dot(r1am, r2am);
        double j2 = Rigid.dot(r1am, r2bm);
        double j3 = Rigid.dot(r1bm, r2am);
        double j4 = Rigid.dot(r1bm, r2bm);
        double[] r1;
        double[] r2;
        double[] r11;
        double[] r22;
        if (j1 > j2 && j1 > j3 && j1 > j4) {
            r1 = t1[0];
            r2 = t2[0];
            r11 = t1[1];
            r22 = t2[1];
        } else if (j2 > j3 && j2 > j4) {
            r1 = t1[0];
            r2 = t2[1];
            r11 = t1[1];
            r22 = t2[0];
        } else if (j3 > j4) {
            r1 = t1[1];
            r2 = t2[0];
            r11 = t1[0];
            r22 = t2[1];
        } else {
            r1 = t1[1];
            r2 = t2[1];
            r11 = t1[0];
            r22 = t2[0];
        }
        if (wrapSign != 0) {
            int ax = wrapAxis;
            int sg = wrapSign;
            if (dsign(a[ax]) == sg || dsign(b[ax]) == sg) {
                // closest point to the centre on the line through a along p1p2 (which points from b to a); tt is
                // its distance from a towards b in metres, compared with (0, 1) as OpenSim does
                double tt = -Rigid.dot(Rigid.scale(-1, a), p1p2);
                double[] mm = Rigid.addScaled(a, -tt, p1p2);
                if (Rigid.dot(mm, mm) < radius * radius && tt > 0 && tt < 1) {
                    code = MANDATORY;
                } else if (dsign(a[ax]) != dsign(b[ax]) && dsign(mm[ax]) != sg) {
                    code = WRAPPED;
                } else {
                    return NO_WRAP;
                }
            }
            if (dsign(a[ax]) != sg || dsign(b[ax]) != sg) {
                double[] axis = new double[3];
                axis[ax] = sg;
                double[] sumMusc = Rigid.unitOrZero(Rigid.add(Rigid.scale(-1, a), Rigid.scale(-1, b)));
                if (Rigid.dot(r1am, sumMusc) > Rigid.dot(r1bm, sumMusc)) {
                    r1 = t1[0];
                    r11 = t1[1];
                } else {
                    r1 = t1[1];
                    r11 = t1[0];
                }
                if (Rigid.dot(r2am, sumMusc) > Rigid.dot(r2bm, sumMusc)) {
                    r2 = t2[0];
                    r22 = t2[1];
                } else {
                    r2 = t2[1];
                    r22 = t2[0];
                }
                sumMusc = Rigid.unitOrZero(Rigid.add(Rigid.sub(r1, a), Rigid.sub(r2, b)));
                if (Rigid.dot(sumMusc, axis) < 0) {
                    r1 = r11;
                    r2 = r22;
                }
                double[] sm = Rigid.add(Rigid.sub(r1, a), Rigid.sub(r2, b));
                double[] sr = Rigid.add(r1, r2);
                farSide = Rigid.dot(sr, sm) < 0;
            }
        }
        double[] r1n = Rigid.unitOrZero(r1);
        double[] r2n = Rigid.unitOrZero(r2);
        double angle = Math.acos(Rigid.dot(r1n, r2n));
        if (farSide) {
            angle = -(2 * Math.PI - angle);
        }
        out.r1 = r1.clone();
        out.r2 = r2.clone();
        out.arc = radius * angle;
        return code;
    }
}
