package org.myoflow.core.data;

/**
 * The built-in port data types.
 *
 * @since 0.1
 */
public final class DataTypes {

    /** Multichannel signal: EMG, excitation, activation, force, kinematics, torque. */
    public static final DataType SIGNAL = new DataType("signal", Signal.class,
            "multichannel signal (samples x channels) with sampling rate, channel labels and units");

    /** Firing times of a set of motor units. */
    public static final DataType SPIKE_TRAINS = new DataType("spike-trains", SpikeTrains.class,
            "firing times (s) of each motor unit");

    /** Motor-unit action potentials: unit x channel x samples with electrode geometry. */
    public static final DataType MUAP_BANK = new DataType("muap-bank", MuapBank.class,
            "MUAPs of each motor unit at each electrode (units x channels x samples) with the array geometry");

    /** MUAP banks at update times, for EMG during movement. */
    public static final DataType MUAP_BANK_SERIES = new DataType("muap-bank-series", MuapBankSeries.class,
            "MUAP banks of the same units and channels at increasing update times, blended linearly in between");

    /**
     * A set of trials with signals by role and subject/session/task/trial/condition metadata.
     *
     * @since 0.3
     */
    public static final DataType DATASET = new DataType("dataset", Dataset.class,
            "trials of a study: signals by role (emg, envelope, kinematics, moments, simulated, ...) and metadata");

    /**
     * A table of numbers with labelled rows and columns (scores).
     *
     * @since 0.3
     */
    public static final DataType TABLE = new DataType("table", ResultTable.class,
            "numbers with labelled rows and columns, e.g. scores per trial and muscle");

    private DataTypes() {
    }
}
