package org.myoflow.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Trial;

/**
 * Evaluation splits of a {@link Dataset} into train and test sets, deterministic: the same dataset, method, fold
 * and seed give the same split, and both sets keep the dataset's trial order.
 * <ul>
 * <li>{@link Method#LEAVE_TRIAL_OUT}: one fold per trial; fold {@code i} tests trial {@code i} (0-based, manifest
 * order);</li>
 * <li>{@link Method#LEAVE_SUBJECT_OUT}: one fold per subject (first-seen order); fold {@code i} tests every trial
 * of that subject;</li>
 * <li>{@link Method#K_FOLD}: the trials shuffled by a Fisher–Yates permutation from {@link SplittableRandom}
 * seeded with {@code seed}, cut into {@code k} consecutive parts of ⌊n/k⌋ or ⌈n/k⌉ trials; fold {@code i} tests
 * part {@code i}.</li>
 * </ul>
 *
 * @since 0.3
 */
public final class DatasetSplits {

    /** How trials are assigned to folds. */
    public enum Method {
        LEAVE_TRIAL_OUT, LEAVE_SUBJECT_OUT, K_FOLD
    }

    /**
     * One fold.
     *
     * @param train the trials not tested
     * @param test  the tested trials
     * @param fold  the fold (0-based)
     * @param folds how many folds the method gives for this dataset
     */
    public record Split(Dataset train, Dataset test, int fold, int folds) {
    }

    private DatasetSplits() {
    }

    /** How many folds a method gives: trials, subjects or {@code k}. */
    public static int folds(Dataset d, Method m, int k) {
        return switch (m) {
            case LEAVE_TRIAL_OUT -> d.size();
            case LEAVE_SUBJECT_OUT -> d.subjects().size();
            case K_FOLD -> k;
        };
    }

    /**
     * The split of one fold.
     *
     * @throws DataException when the fold is out of range for this dataset, {@code k} exceeds the trials, or a
     *                       split would leave no training trial
     */
    public static Split split(Dataset d, Method m, int fold, int k, long seed) {
        int n = d.size();
        if (m == Method.K_FOLD && (k < 2 || k > n)) {
            throw new DataException("k-fold split: k = " + k + " needs 2 <= k <= the dataset's " + n + " trials");
        }
        int folds = folds(d, m, k);
        if (fold < 0 || fold >= folds) {
            throw new DataException(m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " split: fold "
                    + fold + " is out of range; the dataset gives " + folds + " fold(s), 0 to " + (folds - 1));
        }
        Set<Integer> test = new HashSet<>();
        switch (m) {
            case LEAVE_TRIAL_OUT -> test.add(fold);
            case LEAVE_SUBJECT_OUT -> {
                String subject = d.subjects().get(fold);
                for (int i = 0; i < n; i++) {
                    if (d.trial(i).subject().equals(subject)) {
                        test.add(i);
                    }
                }
            }
            case K_FOLD -> {
                int[] perm = permutation(n, seed);
                int from = (int) ((long) fold * n / k);
                int to = (int) ((long) (fold + 1) * n / k);
                for (int i = from; i < to; i++) {
                    test.add(perm[i]);
                }
            }
        }
        List<Trial> tr = new ArrayList<>();
        List<Trial> te = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (test.contains(i) ? te : tr).add(d.trial(i));
        }
        if (tr.isEmpty()) {
            throw new DataException("split fold " + fold + " leaves no training trial (the dataset has " + n
                    + " trial(s)" + (m == Method.LEAVE_SUBJECT_OUT ? " of one subject" : "") + ")");
        }
        return new Split(new Dataset(tr), new Dataset(te), fold, folds);
    }

    /** The seeded permutation of 0..n-1 that {@link Method#K_FOLD} cuts into folds. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
