package org.myoflow.run.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The resources each task of a SLURM job asks for. Every field is optional (null: the cluster's default).
 * {@link #directives()} gives the {@code #SBATCH} lines of a job script: first the profile's lines, then the
 * explicit resources (sbatch lets a later directive override an earlier one, so {@code --cpus} beats a profile's
 * {@code --cpus-per-task}).
 *
 * @param cpus      CPUs per task ({@code --cpus-per-task}), at least 1
 * @param mem       memory per node, as sbatch takes it ({@code --mem}, e.g. {@code 4G}, {@code 500M})
 * @param time      time limit per task ({@code --time}, e.g. {@code 30}, {@code 1:00:00}, {@code 1-12})
 * @param partition the partition ({@code --partition})
 * @param account   the account charged ({@code --account})
 * @param extra     further sbatch options, one per element, each as it follows {@code #SBATCH } in a job script
 *                  (e.g. {@code --qos=short}, {@code --constraint=avx2})
 * @since 0.3
 */
public record SlurmResources(Integer cpus, String mem, String time, String partition, String account,
        List<String> extra) {

    private static final Pattern MEM = Pattern.compile("[0-9]+[KMGT]?");
    private static final Pattern TIME = Pattern.compile("[0-9]+(-[0-9]+)?(:[0-9]+){0,2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,+-]+");

    /**
     * @throws IllegalArgumentException a value sbatch would refuse or that would break the job script; the message
     *                                  names the option
     */
    public SlurmResources {
        if (cpus != null && cpus < 1) {
            throw new IllegalArgumentException("--cpus must be at least 1, got " + cpus);
        }
        if (mem != null && !MEM.matcher(mem).matches()) {
            throw new IllegalArgumentException("--mem '" + mem + "': expected a size such as 4G, 500M or 2000");
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException("--time '" + time
                    + "': expected minutes, MM:SS, HH:MM:SS, D-HH or D-HH:MM:SS");
        }
        if (partition != null && !NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException("--partition '" + partition + "': not a partition name");
        }
        if (account != null && !NAME.matcher(account).matches()) {
            throw new IllegalArgumentException("--account '" + account + "': not an account name");
        }
        extra = List.copyOf(extra == null ? List.of() : extra);
        for (String e : extra) {
            if (!e.startsWith("-") || e.contains("\n") || e.contains("\r")) {
                throw new IllegalArgumentException("sbatch option '" + e + "': expected one option such as "
                        + "--qos=short");
            }
        }
    }

    /** No explicit resources: the cluster's defaults. */
    public static SlurmResources defaults() {
        return new SlurmResources(null, null, null, null, null, List.of());
    }

    /**
     * Reads a profile file: one sbatch option per line, with or without a leading {@code #SBATCH}; blank lines
     * and other lines starting with {@code #} are comments. Example:
     *
     * <pre>
     * #SBATCH --partition=short
     * --qos=normal
     * # one task per core
     * --cpus-per-task=4
     * </pre>
     *
     * @return the options, in file order
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException a line that is not an option (the message names the file and line)
     */
    public static List<String> readProfile(Path profile) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(profile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("#SBATCH")) {
                l = l.substring("#SBATCH".length()).strip();
            } else if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (!l.startsWith("-")) {
                throw new IllegalArgumentException(profile + ":" + (i + 1) + ": '" + l
                        + "' is not an sbatch option (expected e.g. --qos=short or #SBATCH --qos=short)");
            }
            out.add(l);
        }
        return out;
    }

    /** These resources with other extra options (e.g. a profile's) in front of the current ones. */
    public SlurmResources withProfile(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(extra);
        return new SlurmResources(cpus, mem, time, partition, account, all);
    }

    /** The sbatch options: the extra ones first, then the explicit resources ({@code --cpus-per-task=4}, ...). */
    public List<String> options() {
        List<String> out = new ArrayList<>(extra);
        if (cpus != null) {
            out.add("--cpus-per-task=" + cpus);
        }
        if (mem != null) {
            out.add("--mem=" + mem);
        }
        if (time != null) {
            out.add("--time=" + time);
        }
        if (partition != null) {
            out.add("--partition=" + partition);
        }
        if (account != null) {
            out.add("--account=" + account);
        }
        return out;
    }

    /** {@link #options()} as job-script lines {@code #SBATCH --cpus-per-task=4}. */
    public List<String> directives() {
        return options().stream().map(o -> "#SBATCH " + o).toList();
    }
}
