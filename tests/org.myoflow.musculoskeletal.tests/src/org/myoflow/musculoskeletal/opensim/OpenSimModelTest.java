package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;

/**
 * OpenSim models against OpenSim's own references (data/opensim, see its README): muscle-tendon lengths of the
 * gait10dof18musc model (conditional and moving path points, spline knee) and of the Rajagopal-derived model with
 * 40 wrap cylinders, within 1e-5 m at every row; moment arms against central differences; couplers, functions,
 * function-based paths and the errors for what cannot be modelled.
 */
public class OpenSimModelTest {

    static final Path DATA = Path.of("data", "opensim");

    /**
     * OpenSim's walking example (model with polynomial paths, coordinates, inverse dynamics, EMG envelopes): the copy
     * the real-data benchmark ships in the cli bundle ({@code bundles/org.myoflow.cli/realdata/opensim}, its README
     * there and in data/opensim), read from there so that the project stores it once.
     */
    public static final Path WALK = Path.of("..", "..", "bundles", "org.myoflow.cli", "realdata", "opensim");

    /** Reference lengths: [row][column], column names in labels (muscle names). */
    record Reference(List<String> muscles, double[][] values) {
    }

    static Reference reference(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int k = 0;
        while (!lines.get(k).trim().equals("endheader")) {
            k++;
        }
        String[] labels = lines.get(k + 1).split("\t");
        List<String> muscles = new ArrayList<>();
        for (int i = 1; i < labels.length; i++) {
            String l = labels[i];
            muscles.add(l.substring(l.indexOf("/forceset/") + 10, l.indexOf('|')));
        }
        List<double[]> rows = new ArrayList<>();
        for (int r = k + 2; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] v = lines.get(r).trim().split("\\s+");
            double[] row = new double[v.length - 1];
            for (int i = 1; i < v.length; i++) {
                row[i - 1] = Double.parseDouble(v[i]);
            }
            rows.add(row);
        }
        return new Reference(muscles, rows.toArray(double[][]::new));
    }

    /** Worst absolute error per muscle over all rows, printed for the record. */
    static double[] worstErrors(OpenSimModel m, CoordinateTable t, Reference ref, String title) {
        int n = ref.muscles().size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = m.muscleIndex(ref.muscles().get(i));
            assertTrue(idx[i] >= 0, ref.muscles().get(i));
        }
        assertEquals(ref.values().length, t.rows(), "rows");
        double[] worst = new double[n];
        for (int r = 0; r < t.rows(); r++) {
            double[] l = m.lengths(idx, t.values(r));
            for (int i = 0; i < n; i++) {
                worst[i] = Math.max(worst[i], Math.abs(l[i] - ref.values()[r][i]));
            }
        }
        StringBuilder sb = new StringBuilder(title + ": worst |L - L_OpenSim| per muscle (m):");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, " %s %.2e", ref.muscles().get(i), worst[i]));
        }
        System.out.println(sb);
        return worst;
    }

    @Test
    void gait1018LengthsEqualOpenSims() throws IOException {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"));
        assertEquals(10, m.coordinates().size());
        assertEquals(18, m.muscles().size());
        assertTrue(m.notModelled().isEmpty(), m.notModelled().toString());
        CoordinateTable t = CoordinateTable.read(DATA.resolve("walk_gait1018_state_reference.mot"), m, false);
        assertTrue(t.inDegrees());
        assertEquals(151, t.rows());
        Reference ref = reference(DATA.resolve("std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"));
        double[] worst = worstErrors(m, t, ref, "gait10dof18musc");
        for (int i = 0; i < worst.length; i++) {
            // required 1e-5 m; measured ≤ 1.5e-7 m (the coordinates file has 8 decimals of degrees)
            assertTrue(worst[i] < 1e-6, ref.muscles().get(i) + " " + worst[i]);
        }
    }

    @Test
    void wrapCylinderLengthsEqualOpenSims() throws IOException {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("subject_walk_armless_18musc.osim"));
        assertEquals(25, m.coordinates().size());
        assertEquals(18, m.muscles().size());
        CoordinateTable t = CoordinateTable.read(DATA.resolve("subject_walk_armless_coordinates.mot"), m, false);
        Reference ref = reference(
                DATA.resolve("std_testGeometryPathWrapping_subject_walk_armless_muscle_lengths.sto"));
        double[] worst = worstErrors(m, t, ref, "subject_walk_armless_18musc");
        for (int i = 0; i < worst.length; i++) {
            String mu = ref.muscles().get(i);
            assertTrue(worst[i] < 1e-5, mu + " " + worst[i]);
            if (!mu.startsWith("med_gas")) {
                // one wrap object or none: ≤ 3.5e-7 m measured
                assertTrue(worst[i] < 1e-6, mu + " " + worst[i]);
            }
        }
        // med_gas wraps over two cylinders: OpenSim 4.4 measures it with the tangent points of its first pass;
        // on the final geometry the path is up to 5.6 mm longer (rows 18-206 of the right leg)
        OpenSimModel consistent = m.withConsistentWrapping(true);
        int medGas = m.muscleIndex("med_gas_r");
        double[] q25 = t.values(25);
        double diff = consistent.length(medGas, q25) - m.length(medGas, q25);
        assertEquals(5.6e-3, diff, 0.2e-3);
        assertEquals(consistent.length(medGas, t.values(5)), m.length(medGas, t.values(5)), 1e-12);
        int psoas = m.muscleIndex("psoas_r");
        assertEquals(consistent.length(psoas, q25), m.length(psoas, q25), 0);
    }

    @Test
    void couplerSetsThePatellaCoordinate() {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("subject_walk_armless_18musc.osim"));
        int knee = m.coordinateIndex("knee_angle_r");
        int beta = m.coordinateIndex("knee_angle_r_beta");
        OpenSimModel.Coordinate b = m.coordinates().get(beta);
        assertTrue(b.dependent());
        assertEquals(List.of("knee_angle_r"), b.dependentOn());
        assertEquals(OpenSimModel.MotionType.COUPLED, b.motionType());
        double[] q = m.defaultCoordinates();
        q[knee] = 0.8;
        q[beta] = 123;
        assertEquals(0.8, m.complete(q)[beta], 0);
        // the patella follows: rect_fem (over the patella) lengthens with knee flexion regardless of the beta given
        int rf = m.muscleIndex("rect_fem_r");
        double l1 = m.length(rf, q);
        q[beta] = -5;
        assertEquals(l1, m.length(rf, q), 0);
    }

    @Test
    void momentArmsAreMinusLengthDerivatives() {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"));
        CoordinateTable t = CoordinateTable.read(DATA.resolve("walk_gait1018_state_reference.mot"), m, false);
        int[] muscles = new int[m.muscles().size()];
        for (int i = 0; i < muscles.length; i++) {
            muscles[i] = i;
        }
        int[] coords = new int[m.coordinates().size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = i;
        }
        double h = 1e-6;
        for (int r = 0; r < t.rows(); r += 15) {
            double[] q = t.values(r);
            double[][] ma = m.momentArms(muscles, coords, q);
            for (int j = 0; j < coords.length; j++) {
                double[] qp = q.clone();
                double[] qm = q.clone();
                qp[j] += h;
                qm[j] -= h;
                double[] lp = m.lengths(muscles, qp);
                double[] lm = m.lengths(muscles, qm);
                for (int i = 0; i < muscles.length; i++) {
                    assertEquals(-(lp[i] - lm[i]) / (2 * h), ma[i][j], 2e-7,
                            m.muscles().get(i).name() + " about " + m.coordinates().get(j).name());
                }
            }
        }
        // known signs: the vasti extend the knee (knee_angle < 0 is flexion in this model), the soleus plantarflexes
        double[] q = m.defaultCoordinates();
        q[m.coordinateIndex("knee_angle_r")] = -0.5;
        double[][] ma = m.momentArms(new int[] {m.muscleIndex("vasti_r"), m.muscleIndex("soleus_r")},
                new int[] {m.coordinateIndex("knee_angle_r"), m.coordinateIndex("ankle_angle_r")}, q);
        assertTrue(ma[0][0] > 0.02 && ma[0][0] < 0.07, "vasti knee moment arm " + ma[0][0]);
        assertTrue(ma[1][1] < -0.02 && ma[1][1] > -0.07, "soleus ankle moment arm " + ma[1][1]);
        assertEquals(0, ma[1][0], 0, "soleus does not cross the knee");
    }

    @Test
    void wrappedMomentArmsMatchDifferencesOfTheWrappedLength() {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("subject_walk_armless_18musc.osim"))
                .withConsistentWrapping(true);
        CoordinateTable t = CoordinateTable.read(DATA.resolve("subject_walk_armless_coordinates.mot"), m, false);
        int knee = m.coordinateIndex("knee_angle_r");
        int hip = m.coordinateIndex("hip_flexion_r");
        String[] names = {"rect_fem_r", "vas_int_r", "psoas_r", "glut_max2_r", "semimem_r", "bifemsh_r"};
        int[] mus = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            mus[i] = m.muscleIndex(names[i]);
        }
        double h = 1e-4;
        for (int r = 0; r < t.rows(); r += 40) {
            double[] q = t.values(r);
            double[][] ma = m.momentArms(mus, new int[] {hip, knee}, q);
            int[] cs = {hip, knee};
            for (int j = 0; j < 2; j++) {
                double[] qp = q.clone();
                double[] qm = q.clone();
                qp[cs[j]] += h;
                qm[cs[j]] -= h;
                double[] lp = m.lengths(mus, qp);
                double[] lm = m.lengths(mus, qm);
                for (int i = 0; i < mus.length; i++) {
                    assertEquals(-(lp[i] - lm[i]) / (2 * h), ma[i][j], 5e-4, names[i] + " row " + r + " coord " + j);
                }
            }
            // knee extensors (knee_angle > 0 is flexion here): negative knee moment arms of a few cm
            assertTrue(ma[0][1] < -0.02 && ma[0][1] > -0.08, "rect_fem knee " + ma[0][1]);
            assertTrue(ma[1][1] < -0.02 && ma[1][1] > -0.08, "vas_int knee " + ma[1][1]);
            assertTrue(ma[2][0] > 0.005, "psoas flexes the hip " + ma[2][0]);
            assertTrue(ma[3][0] < -0.005, "gluteus maximus extends the hip " + ma[3][0]);
        }
    }

    @Test
    void functionsFollowOpenSimsDefinitions() throws Exception {
        double[] x = {0, 1, 2, 3, 5};
        double[] y = {0, 1, 0, 2, 1};
        OsimFunction.CubicSpline simm = OsimFunction.CubicSpline.simm("SimmSpline", x, y);
        OsimFunction.CubicSpline nat = OsimFunction.CubicSpline.natural("NaturalCubicSpline", x, y);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], simm.at(x[i]), 1e-12);
            assertEquals(y[i], nat.at(x[i]), 1e-12);
        }
        // natural: zero curvature at both ends; continuity of the first derivative at the knots
        double e = 1e-4;
        int n = x.length;
        assertEquals(0, nat.c[0], 1e-12);
        assertEquals(0, 2 * nat.c[n - 2] + 6 * nat.d[n - 2] * (x[n - 1] - x[n - 2]), 1e-12);
        for (OsimFunction.CubicSpline s : List.of(simm, nat)) {
            for (int i = 1; i < x.length - 1; i++) {
                double left = (s.at(x[i]) - s.at(x[i] - e)) / e;
                double right = (s.at(x[i] + e) - s.at(x[i])) / e;
                assertEquals(left, right, 1e-3, s.type() + " slope at " + x[i]);
            }
            // linear beyond the ends
            double slope = s.at(-1) - s.at(-2);
            assertEquals(slope, s.at(-2) - s.at(-3), 1e-12);
        }
        // SIMM's end condition: with 4+ knots the end cubic's third derivative matches the end knots' third divided
        // difference, so a cubic is reproduced exactly
        double[] xc = {0, 0.5, 1.5, 2, 3.5};
        double[] yc = new double[xc.length];
        for (int i = 0; i < xc.length; i++) {
            yc[i] = 1 - xc[i] + 0.5 * xc[i] * xc[i] - 0.2 * xc[i] * xc[i] * xc[i];
        }
        OsimFunction.CubicSpline cubic = OsimFunction.CubicSpline.simm("SimmSpline", xc, yc);
        for (double v = 0; v <= 3.5; v += 0.1) {
            assertEquals(1 - v + 0.5 * v * v - 0.2 * v * v * v, cubic.at(v), 1e-12, "at " + v);
        }
        // MultivariatePolynomialFunction order (OpenSim's table for 3 arguments, order 3): index 6 is Y·Z²
        int[][] p = OsimFunction.MultiPoly.powers(3, 3);
        assertEquals(20, p.length);
        assertArrayEquals(new int[] {0, 1, 2}, p[6]);
        assertArrayEquals(new int[] {1, 1, 1}, p[14]);
        assertArrayEquals(new int[] {3, 0, 0}, p[19]);
    }

    @Test
    void functionBasedPathsReplaceGeometry(@TempDir Path dir) throws IOException {
        // length of vasti_r = 0.2 + 0.01·knee - 0.003·knee² (knee is the only argument)
        Path fbp = dir.resolve("paths.xml");
        Files.writeString(fbp, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <OpenSimDocument Version="40600"><Set_FunctionBasedPath_><objects>
                <FunctionBasedPath name="/forceset/vasti_r">
                  <coordinate_paths>/jointset/knee_r/knee_angle_r</coordinate_paths>
                  <length_function><MultivariatePolynomialFunction>
                    <coefficients>0.2 0.01 -0.003</coefficients><dimension>1</dimension><order>2</order>
                  </MultivariatePolynomialFunction></length_function>
                </FunctionBasedPath></objects></Set_FunctionBasedPath_></OpenSimDocument>
                """);
        OpenSimModel m = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"), fbp);
        int v = m.muscleIndex("vasti_r");
        assertTrue(m.muscles().get(v).path().startsWith("function-based"), m.muscles().get(v).path());
        double[] q = m.defaultCoordinates();
        int knee = m.coordinateIndex("knee_angle_r");
        q[knee] = -1.2;
        assertEquals(0.2 - 0.012 - 0.003 * 1.44, m.length(v, q), 1e-15);
        double[][] ma = m.momentArms(new int[] {v}, new int[] {knee}, q);
        assertEquals(-(0.01 - 0.006 * -1.2), ma[0][0], 1e-9);
    }

    static Path edited(Path dir, String name, String from, String to) throws IOException {
        String s = Files.readString(DATA.resolve("walk_gait1018_subject01.osim"));
        assertTrue(s.contains(from), from);
        Path p = dir.resolve(name);
        Files.writeString(p, s.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return p;
    }

    @Test
    void unsupportedJointNamesTheJointAndItsMuscles(@TempDir Path dir) throws IOException {
        Path p = edited(dir, "ball.osim", "<PinJoint name=\"ankle_r\">", "<BallJoint name=\"ankle_r\">");
        String s = Files.readString(p);
        int i = s.indexOf("<BallJoint name=\"ankle_r\">");
        int j = s.indexOf("</PinJoint>", i);
        Files.writeString(p, s.substring(0, j) + "</BallJoint>" + s.substring(j + "</PinJoint>".length()));
        OpenSimModel m = OpenSimModel.read(p);
        String joint = m.notModelled().get(0);
        assertTrue(joint.contains("<BallJoint name=\"ankle_r\">") && joint.contains("talus_r")
                && joint.contains("calcn_r") && joint.contains("does not model"), joint);
        // the muscles beyond the joint (inserting on the calcaneus) are refused, naming the muscle and the joint
        for (String refused : List.of("soleus_r", "gastroc_r", "tib_ant_r")) {
            OpenSimModel.Muscle mu = m.muscles().get(m.muscleIndex(refused));
            assertTrue(mu.problem() != null && mu.problem().contains(refused) && mu.problem().contains("ankle_r")
                    && mu.problem().contains("BallJoint"), refused + ": " + mu.problem());
            DataException e = assertThrows(DataException.class,
                    () -> m.length(m.muscleIndex(refused), m.defaultCoordinates()));
            assertTrue(e.getMessage().contains(refused), e.getMessage());
        }
        // the others are modelled as before
        OpenSimModel ok = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"));
        for (String fine : List.of("vasti_r", "hamstrings_r", "soleus_l")) {
            assertEquals(null, m.muscles().get(m.muscleIndex(fine)).problem(), fine);
            assertEquals(ok.length(ok.muscleIndex(fine), ok.defaultCoordinates()),
                    m.length(m.muscleIndex(fine), m.defaultCoordinates()), 0, fine);
        }
    }

    @Test
    void unsupportedWrapObjectNamesMuscleAndWrap(@TempDir Path dir) throws IOException {
        String wrapSet = "<WrapObjectSet><objects><WrapEllipsoid name=\"condyle_ellipsoid\">"
                + "<dimensions>0.03 0.03 0.05</dimensions></WrapEllipsoid></objects></WrapObjectSet>";
        Path p = edited(dir, "ellipsoid.osim", "<Body name=\"femur_r\">", "<Body name=\"femur_r\">" + wrapSet);
        String s = Files.readString(p);
        int m = s.indexOf("<Millard2012EquilibriumMuscle name=\"vasti_r\">");
        int w = s.indexOf("<PathWrapSet>", m);
        s = s.substring(0, w) + "<PathWrapSet><objects><PathWrap><wrap_object>condyle_ellipsoid</wrap_object>"
                + "</PathWrap></objects></PathWrapSet><PathWrapSet_unused>"
                + s.substring(w + "<PathWrapSet>".length()).replaceFirst("</PathWrapSet>", "</PathWrapSet_unused>");
        Files.writeString(p, s);
        OpenSimModel model = OpenSimModel.read(p);
        OpenSimModel.Muscle vasti = model.muscles().get(model.muscleIndex("vasti_r"));
        assertNotNull(vasti.problem());
        assertTrue(vasti.problem().contains("vasti_r") && vasti.problem().contains("condyle_ellipsoid")
                && vasti.problem().contains("WrapEllipsoid"), vasti.problem());
        assertTrue(model.notModelled().stream().anyMatch(l -> l.contains("condyle_ellipsoid")));
        DataException e = assertThrows(DataException.class,
                () -> model.length(model.muscleIndex("vasti_r"), model.defaultCoordinates()));
        assertTrue(e.getMessage().contains("vasti_r"));
        // the other muscles are still modelled
        assertTrue(model.length(model.muscleIndex("soleus_r"), model.defaultCoordinates()) > 0.2);
    }

    @Test
    void missingCoordinateIsNamed(@TempDir Path dir) throws IOException {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"));
        List<String> lines = Files.readAllLines(DATA.resolve("walk_gait1018_state_reference.mot"));
        List<String> cut = new ArrayList<>();
        int col = -1;
        boolean data = false;
        for (String l : lines) {
            if (data) {
                String[] c = l.trim().split("\\s+");
                if (col < 0) {
                    for (int i = 0; i < c.length; i++) {
                        if (c[i].equals("/jointset/knee_l/knee_angle_l/value")) {
                            col = i;
                        }
                    }
                }
                List<String> kept = new ArrayList<>(List.of(c));
                kept.remove(col);
                cut.add(String.join("\t", kept));
            } else {
                cut.add(l);
                data = l.trim().equals("endheader");
            }
        }
        Path p = dir.resolve("cut.mot");
        Files.write(p, cut);
        DataException e = assertThrows(DataException.class, () -> CoordinateTable.read(p, m, false));
        assertTrue(e.getMessage().contains("knee_angle_l") && e.getMessage().contains("cut.mot"), e.getMessage());
        CoordinateTable t = CoordinateTable.read(p, m, true);
        assertEquals(List.of("knee_angle_l"), t.missing());
        assertEquals(0, t.values(3)[m.coordinateIndex("knee_angle_l")], 0);
    }

    /**
     * OpenSim's analytic wrap test (testGeometryPathWrapping.cpp, "WrapCylinder"/"WrapSphere"): a path from ground
     * (r - 0.1, r, 0) to (-r, r, 0) on a body pinned at the centre of a wrap object of radius r = 0.5; turning the
     * pin by q wraps r·q more: L = 2r - 0.1 + r·q, moment arm -r, whatever the object's rotation about its centre.
     */
    static Path pulley(Path dir, String type, String rotation, String quadrant) throws IOException {
        Path p = dir.resolve("pulley-" + type + "-" + rotation.replace(' ', '_') + "-" + quadrant + ".osim");
        Files.writeString(p, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <OpenSimDocument Version="40000"><Model name="pulley">
                <Ground name="ground"><WrapObjectSet><objects>
                  <%s name="pulley1"><xyz_body_rotation>%s</xyz_body_rotation><translation>0 0 0</translation>
                    <quadrant>%s</quadrant><radius>0.5</radius><length>1</length></%s>
                </objects></WrapObjectSet></Ground>
                <BodySet><objects><Body name="body"><mass>1</mass></Body></objects></BodySet>
                <JointSet><objects><PinJoint name="pin"><socket_parent_frame>/ground</socket_parent_frame>
                  <socket_child_frame>/bodyset/body</socket_child_frame>
                  <coordinates><Coordinate name="q_pin"><range>-3 3</range></Coordinate></coordinates>
                </PinJoint></objects></JointSet>
                <ForceSet><objects><Thelen2003Muscle name="spring1"><GeometryPath name="path">
                  <PathPointSet><objects>
                    <PathPoint name="origin"><socket_parent_frame>/ground</socket_parent_frame>
                      <location>0.4 0.5 0</location></PathPoint>
                    <PathPoint name="insert"><socket_parent_frame>/bodyset/body</socket_parent_frame>
                      <location>-0.5 0.5 0</location></PathPoint>
                  </objects></PathPointSet>
                  <PathWrapSet><objects><PathWrap name="w"><wrap_object>pulley1</wrap_object></PathWrap></objects>
                  </PathWrapSet></GeometryPath>
                  <max_isometric_force>100</max_isometric_force><optimal_fiber_length>0.1</optimal_fiber_length>
                  <tendon_slack_length>0.2</tendon_slack_length></Thelen2003Muscle></objects></ForceSet>
                </Model></OpenSimDocument>
                """.formatted(type, rotation, quadrant, type));
        return p;
    }

    @Test
    void cylinderAndSphereWrapAsOpenSimsAnalyticTest(@TempDir Path dir) throws IOException {
        double r = 0.5;
        List<String[]> cases = List.of(new String[] {"WrapCylinder", "0 0 0", "all"},
                new String[] {"WrapCylinder", "0 0 1.5707963267948966", "all"},
                new String[] {"WrapCylinder", "0 0 3.141592653589793", "all"},
                new String[] {"WrapCylinder", "0 0 -1.5707963267948966", "all"},
                new String[] {"WrapCylinder", "0 0 0", "+y"},
                new String[] {"WrapSphere", "0 0 0", "all"},
                new String[] {"WrapSphere", "0 0 3.141592653589793", "all"},
                new String[] {"WrapSphere", "0 1.5707963267948966 0", "all"},
                new String[] {"WrapSphere", "-1.5707963267948966 0 0", "all"},
                new String[] {"WrapSphere", "0 0 0", "+y"});
        for (String[] c : cases) {
            OpenSimModel m = OpenSimModel.read(pulley(dir, c[0], c[1], c[2]));
            assertTrue(m.notModelled().isEmpty(), m.notModelled().toString());
            for (int i = 1; i <= 100; i++) {
                double q = i * Math.PI / 200;
                double[] qs = {q};
                String what = c[0] + " rotated " + c[1] + " quadrant " + c[2] + " q=" + q;
                assertEquals(2 * r - 0.1 + r * q, m.length(0, qs), 1e-9, what);
                assertEquals(-r, m.momentArms(new int[] {0}, new int[] {0}, qs)[0][0], 1e-6, what);
            }
        }
    }

    @Test
    void muscleParametersOfTheThreeMuscleTypes(@TempDir Path dir) throws IOException {
        OpenSimModel m = OpenSimModel.read(DATA.resolve("walk_gait1018_subject01.osim"));
        OpenSimModel.Muscle v = m.muscles().get(m.muscleIndex("vasti_r"));
        assertEquals("Millard2012EquilibriumMuscle", v.type());
        assertEquals(5000, v.maxIsometricForce(), 0);
        assertEquals(0.124678696688354, v.optimalFiberLength(), 0);
        assertEquals(0.135165689867749, v.tendonSlackLength(), 0);
        assertEquals(0.05235988, v.pennationAngleAtOptimal(), 0);
        assertEquals(10, v.maxContractionVelocity(), 0);
        assertEquals(0.01, v.activationTimeConstant(), 0);
        assertEquals(0.04, v.deactivationTimeConstant(), 0);
        // DeGrooteFregly2016Muscle: OpenSim's defaults where the file gives none (15 / 60 ms)
        String s = Files.readString(DATA.resolve("walk_gait1018_subject01.osim"));
        int a = s.indexOf("<Millard2012EquilibriumMuscle name=\"soleus_r\">");
        int b = s.indexOf("</Millard2012EquilibriumMuscle>", a);
        String soleus = s.substring(a, b + "</Millard2012EquilibriumMuscle>".length())
                .replace("Millard2012EquilibriumMuscle", "DeGrooteFregly2016Muscle")
                .replaceAll("<activation_time_constant>[^<]*</activation_time_constant>", "")
                .replaceAll("<deactivation_time_constant>[^<]*</deactivation_time_constant>", "")
                .replaceAll("<max_contraction_velocity>[^<]*</max_contraction_velocity>",
                        "<max_contraction_velocity>12</max_contraction_velocity>");
        // Thelen2003Muscle with a 4.x activation model element
        int c = s.indexOf("<Millard2012EquilibriumMuscle name=\"tib_ant_r\">");
        int d = s.indexOf("</Millard2012EquilibriumMuscle>", c);
        String tib = s.substring(c, d + "</Millard2012EquilibriumMuscle>".length())
                .replace("Millard2012EquilibriumMuscle", "Thelen2003Muscle")
                .replaceAll("<activation_time_constant>[^<]*</activation_time_constant>", "")
                .replaceAll("<deactivation_time_constant>[^<]*</deactivation_time_constant>", "")
                .replace("</Thelen2003Muscle>", "<MuscleFirstOrderActivationDynamicModel><activation_time_constant>"
                        + "0.02</activation_time_constant><deactivation_time_constant>0.07</deactivation_time_constant>"
                        + "</MuscleFirstOrderActivationDynamicModel></Thelen2003Muscle>");
        s = s.substring(0, a) + soleus + s.substring(b + "</Millard2012EquilibriumMuscle>".length());
        c = s.indexOf("<Millard2012EquilibriumMuscle name=\"tib_ant_r\">");
        d = s.indexOf("</Millard2012EquilibriumMuscle>", c);
        s = s.substring(0, c) + tib + s.substring(d + "</Millard2012EquilibriumMuscle>".length());
        Path p = dir.resolve("types.osim");
        Files.writeString(p, s);
        OpenSimModel t = OpenSimModel.read(p);
        OpenSimModel.Muscle dg = t.muscles().get(t.muscleIndex("soleus_r"));
        assertEquals("DeGrooteFregly2016Muscle", dg.type());
        assertEquals(0.015, dg.activationTimeConstant(), 0);
        assertEquals(0.06, dg.deactivationTimeConstant(), 0);
        assertEquals(12, dg.maxContractionVelocity(), 0);
        OpenSimModel.Muscle th = t.muscles().get(t.muscleIndex("tib_ant_r"));
        assertEquals("Thelen2003Muscle", th.type());
        assertEquals(0.02, th.activationTimeConstant(), 0);
        assertEquals(0.07, th.deactivationTimeConstant(), 0);
        // the paths do not depend on the muscle type
        assertEquals(m.length(m.muscleIndex("soleus_r"), m.defaultCoordinates()),
                t.length(t.muscleIndex("soleus_r"), t.defaultCoordinates()), 0);
    }

    @Test
    void xmlWithEntitiesIsRefused(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("xxe.osim");
        Files.writeString(p, "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<OpenSimDocument><Model name=\"&x;\"/></OpenSimDocument>");
        DataException e = assertThrows(DataException.class, () -> OpenSimModel.read(p));
        assertTrue(e.getMessage().contains("xxe.osim"), e.getMessage());
    }
}
