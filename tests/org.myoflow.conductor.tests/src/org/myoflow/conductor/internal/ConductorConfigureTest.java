package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;

/** The MUAP-bank steps declare their unit count and the montage's channels before anything runs. */
class ConductorConfigureTest {

    @Test
    void planarBankDeclaresUnitsAndMontageChannels() {
        Configuration c = StepHarness.of(new PlanarMuapBankStep()).param("units", 12L).param("rows", 3L)
                .param("cols", 2L).configure();
        assertEquals(List.of(), c.problems());
        DataSpec s = c.spec("test", "muaps").orElseThrow();
        assertEquals(DataTypes.MUAP_BANK, s.type());
        assertEquals(12, s.units());
        assertEquals(6, s.channelCount());
        assertEquals("mV", s.unit());
        c = StepHarness.of(new PlanarMuapBankStep()).param("rows", 3L).param("cols", 2L)
                .param("montage", "SINGLE_DIFFERENTIAL").configure();
        assertEquals(4, c.spec("test", "muaps").orElseThrow().channelCount(), "3 rows give 2 differences per column");
    }

    @Test
    void cylindricalAndSeriesDeclareTheirUnits() {
        assertEquals(10, StepHarness.of(new CylindricalMuapBankStep()).configure().spec("test", "muaps")
                .orElseThrow().units());
        DataSpec series = StepHarness.of(new PlanarMuapSeriesStep()).param("units", 7L).configure()
                .spec("test", "muaps").orElseThrow();
        assertEquals(DataTypes.MUAP_BANK_SERIES, series.type());
        assertEquals(7, series.units());
    }
}
