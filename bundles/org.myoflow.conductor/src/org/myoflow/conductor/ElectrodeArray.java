package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;

/**
 * A rectangular grid of circular electrodes on the skin: rows along the array's long axis, which is rotated by
 * an angle from the fibre direction (0°: rows follow the fibres), columns across it. Positions are (along the
 * fibres, across the fibres) in mm relative to the muscle's innervation-zone line (along) and the muscle's
 * centre (across). Electrode e = row·cols + col, labels r1c1 … (1-based).
 *
 * @since 0.1
 */
public final class ElectrodeArray {

    /** Spatial filters built from the monopolar grid. */
    public enum Montage {
        /** Each electrode against a distant reference. */
        MONOPOLAR("monopolar"),
        /** r(i)c(j) − r(i+1)c(j), along the rows. */
        SINGLE_DIFFERENTIAL("single-differential"),
        /** r(i)c(j) − 2·r(i+1)c(j) + r(i+2)c(j), along the rows. */
        DOUBLE_DIFFERENTIAL("double-differential"),
        /** Normal double differential (Laplacian): 4·centre minus its four neighbours. */
        LAPLACIAN("laplacian-ndd");

        private final String label;

        Montage(String label) {
            this.label = label;
        }

        /** Name written into the MUAP bank. */
        public String label() {
            return label;
        }
    }

    /** One derived channel: label, position (along, across) and the electrode weights. */
    public record Channel(String label, double[] positionMm, int[] electrodes, double[] weights) {
    }

    /** The channels of a montage and their grid shape. */
    public record Derivation(Montage montage, int rows, int cols, List<Channel> channels) {

        /** Applies the montage to monopolar potentials [electrode][sample]. */
        public double[][] apply(double[][] monopolar) {
            double[][] out = new double[channels.size()][];
            for (int c = 0; c < out.length; c++) {
                Channel ch = channels.get(c);
                double[] y = new double[monopolar[ch.electrodes()[0]].length];
                for (int i = 0; i < ch.electrodes().length; i++) {
                    double w = ch.weights()[i];
                    double[] x = monopolar[ch.electrodes()[i]];
                    for (int k = 0; k < y.length; k++) {
                        y[k] += w * x[k];
                    }
                }
                out[c] = y;
            }
            return out;
        }

        public List<String> labels() {
            return channels.stream().map(Channel::label).toList();
        }

        public double[][] positions() {
            return channels.stream().map(c -> c.positionMm().clone()).toArray(double[][]::new);
        }
    }

    private final int rows;
    private final int cols;
    private final double spacingMm;
    private final double radiusMm;
    private final double centreAlongMm;
    private final double centreAcrossMm;
    private final double rotationDeg;

    /**
     * @param rows           electrodes along the array's row axis
     * @param cols           electrodes across
     * @param spacingMm      inter-electrode distance, mm
     * @param radiusMm       electrode radius, mm
     * @param centreAlongMm  centre position along the fibres, mm from the innervation-zone line
     * @param centreAcrossMm centre position across the fibres, mm from the muscle centre
     * @param rotationDeg    angle between the row axis and the fibres, degrees
     * @deprecated positional; use {@link #builder()}
     */
    @Deprecated
    public ElectrodeArray(int rows, int cols, double spacingMm, double radiusMm, double centreAlongMm,
            double centreAcrossMm, double rotationDeg) {
        if (rows < 1 || cols < 1 || !(spacingMm > 0) || !(radiusMm >= 0) || !Double.isFinite(spacingMm)
                || !Double.isFinite(radiusMm) || !Double.isFinite(centreAlongMm) || !Double.isFinite(centreAcrossMm)
                || !Double.isFinite(rotationDeg)) {
            throw new IllegalArgumentException("bad electrode array " + rows + " x " + cols + ", spacing "
                    + spacingMm + " mm, radius " + radiusMm + " mm");
        }
        this.rows = rows;
        this.cols = cols;
        this.spacingMm = spacingMm;
        this.radiusMm = radiusMm;
        this.centreAlongMm = centreAlongMm;
        this.centreAcrossMm = centreAcrossMm;
        this.rotationDeg = rotationDeg;
    }

    /** A builder with named, unit-carrying setters (defaults: 1 x 1, radius 0, centred, not rotated). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this array's values. */
    public Builder toBuilder() {
        return new Builder().rows(rows).cols(cols).spacingMm(spacingMm).radiusMm(radiusMm).centreAlongMm(centreAlongMm)
                .centreAcrossMm(centreAcrossMm).rotationDeg(rotationDeg);
    }

    /** Named settings of an {@link ElectrodeArray}; the inter-electrode spacing must be set. */
    public static final class Builder {
        private int rows = 1;
        private int cols = 1;
        private double spacingMm = Double.NaN;
        private double radiusMm;
        private double centreAlongMm;
        private double centreAcrossMm;
        private double rotationDeg;

        private Builder() {
        }

        /** Electrodes along the array's row axis. */
        public Builder rows(int n) {
            this.rows = n;
            return this;
        }

        /** Electrodes across. */
        public Builder cols(int n) {
            this.cols = n;
            return this;
        }

        /** Inter-electrode distance, mm. */
        public Builder spacingMm(double v) {
            this.spacingMm = v;
            return this;
        }

        /** Electrode radius, mm (0: point electrodes). */
        public Builder radiusMm(double v) {
            this.radiusMm = v;
            return this;
        }

        /** Centre position along the fibres, mm from the innervation-zone line. */
        public Builder centreAlongMm(double v) {
            this.centreAlongMm = v;
            return this;
        }

        /** Centre position across the fibres, mm from the muscle centre. */
        public Builder centreAcrossMm(double v) {
            this.centreAcrossMm = v;
            return this;
        }

        /** Angle between the row axis and the fibres, degrees. */
        public Builder rotationDeg(double v) {
            this.rotationDeg = v;
            return this;
        }

        /** The array; refuses bad values. */
        public ElectrodeArray build() {
            return new ElectrodeArray(rows, cols, spacingMm, radiusMm, centreAlongMm, centreAcrossMm, rotationDeg);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double spacingMm() {
        return spacingMm;
    }

    public double radiusMm() {
        return radiusMm;
    }

    /** Centre position along the fibres, mm from the innervation-zone line. */
    public double centreAlongMm() {
        return centreAlongMm;
    }

    /** Centre position across the fibres, mm from the muscle centre. */
    public double centreAcrossMm() {
        return centreAcrossMm;
    }

    /** Angle between the row axis and the fibres, degrees. */
    public double rotationDeg() {
        return rotationDeg;
    }

    public int size() {
        return rows * cols;
    }

    /** Monopolar electrode positions [e] = {along, across}, mm. */
    public double[][] positions() {
        double th = Math.toRadians(rotationDeg);
        double cos = Math.cos(th);
        double sin = Math.sin(th);
        double[][] p = new double[rows * cols][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double a = (r - (rows - 1) / 2.0) * spacingMm;
                double b = (c - (cols - 1) / 2.0) * spacingMm;
                p[r * cols + c] = new double[] { centreAlongMm + a * cos - b * sin,
                        centreAcrossMm + a * sin + b * cos };
            }
        }
        return p;
    }

    /** The channels of a montage; fails when the grid is too small for it. */
    public Derivation derive(Montage montage) {
        double[][] p = positions();
        List<Channel> ch = new ArrayList<>();
        int dr;
        int dc;
        switch (montage) {
            case MONOPOLAR -> {
                dr = 0;
                dc = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int e = r * cols + c;
                        ch.add(new Channel(label(r, c), p[e], new int[] { e }, new double[] { 1 }));
                    }
                }
            }
            case SINGLE_DIFFERENTIAL -> {
                dr = 1;
                dc = 0;
                need(montage, 2, 1);
                for (int r = 0; r + 1 < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int a = r * cols + c;
                        int b = a + cols;
                        ch.add(new Channel(label(r, c) + "-" + label(r + 1, c), mid(p[a], p[b]),
                                new int[] { a, b }, new double[] { 1, -1 }));
                    }
                }
            }
            case DOUBLE_DIFFERENTIAL -> {
                dr = 2;
                dc = 0;
                need(montage, 3, 1);
                for (int r = 0; r + 2 < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int a = r * cols + c;
                        ch.add(new Channel(label(r, c) + "-2" + label(r + 1, c) + "+" + label(r + 2, c),
                                p[a + cols].clone(), new int[] { a, a + cols, a + 2 * cols },
                                new double[] { 1, -2, 1 }));
                    }
                }
            }
            case LAPLACIAN -> {
                dr = 2;
                dc = 2;
                need(montage, 3, 3);
                for (int r = 1; r + 1 < rows; r++) {
                    for (int c = 1; c + 1 < cols; c++) {
                        int e = r * cols + c;
                        ch.add(new Channel("ndd-" + label(r, c), p[e].clone(),
                                new int[] { e, e - cols, e + cols, e - 1, e + 1 }, new double[] { 4, -1, -1, -1, -1 }));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown montage " + montage);
        }
        return new Derivation(montage, rows - dr, cols - dc, List.copyOf(ch));
    }

    private void need(Montage m, int minRows, int minCols) {
        if (rows < minRows || cols < minCols) {
            throw new IllegalArgumentException(m.label() + " needs at least " + minRows + " x " + minCols
                    + " electrodes, the array has " + rows + " x " + cols);
        }
    }

    private static String label(int r, int c) {
        return "r" + (r + 1) + "c" + (c + 1);
    }

    private static double[] mid(double[] a, double[] b) {
        return new double[] { (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 };
    }
}
