package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;

/** The shipped demo experiment loads through ExperimentFiles and runs with the DS-registered steps. */
class DemoExperimentPTest {

    /** A copy of bundles/org.myoflow.cli/demo/spike-trains-demo.myoflow. */
    static final String DEMO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="spike-trains-demo"
                description="A Fuglevand (1993) pool of 120 motor units driven by a trapezoidal excitation up to 80 % of maximum: spike trains and summed twitch force."
                seed="20261121">
              <pipelines name="trapezoid" description="excitation profile -> motor-unit pool">
                <nodes id="excitation" stepId="org.myoflow.spikes.excitation-profile" stepVersion="1.0.0" label="Trapezoid excitation" x="40" y="80">
                  <parameters xsi:type="myoflow:EnumValue" key="shape" literal="TRAPEZOID"/>
                  <parameters xsi:type="myoflow:NumberValue" key="duration" value="10.0" unit="s"/>
                  <parameters xsi:type="myoflow:NumberValue" key="samplingRate" value="1000.0" unit="Hz"/>
                  <parameters xsi:type="myoflow:NumberValue" key="level" value="0.8"/>
                  <parameters xsi:type="myoflow:NumberValue" key="rise" value="3.0" unit="s"/>
                  <parameters xsi:type="myoflow:NumberValue" key="plateau" value="3.0" unit="s"/>
                </nodes>
                <nodes id="pool" stepId="org.myoflow.spikes.motor-unit-pool" stepVersion="1.0.0" label="Motor-unit pool" x="280" y="80">
                  <parameters xsi:type="myoflow:EnumValue" key="model" literal="FUGLEVAND_1993"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="units" value="120"/>
                  <parameters xsi:type="myoflow:NumberValue" key="isiCv" value="0.2"/>
                  <parameters xsi:type="myoflow:NumberValue" key="forceSamplingRate" value="1000.0" unit="Hz"/>
                </nodes>
                <connections sourceNode="excitation" sourcePort="excitation" targetNode="pool" targetPort="excitation"/>
              </pipelines>
            </myoflow:Experiment>
            """;

    @TempDir
    Path tmp;

    private RunResult run(Engine engine, Experiment e, RunOptions options) throws Exception {
        Pipeline p = e.getPipelines().get(0);
        assertEquals(List.of(), engine.validate(e, p, options));
        return engine.run(e, p, options);
    }

    private RunOptions options() {
        return new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    @Test
    void demoRunsAndIsReproducible() throws Exception {
        Path file = tmp.resolve("spike-trains-demo.myoflow");
        Files.writeString(file, DEMO);
        Experiment e = ExperimentFiles.load(file);
        assertEquals("spike-trains-demo", e.getName());
        assertEquals(20261121L, e.getSeed());

        Engine engine = new Engine(Osgi.stepRegistryWith(StepDiscoveryPTest.POOL, StepDiscoveryPTest.PROFILE));
        RunResult first = run(engine, e, options());
        assertEquals(List.of("excitation", "pool"), first.nodes().stream().map(NodeResult::nodeId).toList());
        NodeResult pool = first.node("pool").orElseThrow();
        assertEquals("org.myoflow.spikes", pool.bundleName());
        assertEquals(Engine.nodeSeed(20261121L, "pool"), pool.seed());
        assertEquals(120L, pool.parameters().get("units"));

        Signal excitation = (Signal) first.node("excitation").orElseThrow().outputs().get("excitation");
        assertEquals(10000, excitation.sampleCount());
        assertEquals(0.8, excitation.get(0, 5000), 1e-12, "on the plateau");
        SpikeTrains spikes = (SpikeTrains) pool.outputs().get("spikes");
        Signal force = (Signal) pool.outputs().get("force");
        assertEquals(120, spikes.unitCount());
        assertEquals(10.0, spikes.duration(), 1e-12);
        assertEquals(10000, force.sampleCount());
        assertTrue(spikes.spikeCount(0) > spikes.spikeCount(119), "the smallest unit fires most");
        assertTrue(force.get(0, 5000) > force.get(0, 500), "more force on the plateau than early in the rise");

        // the same file, loaded again and run again with the same seed: identical results
        RunResult second = run(engine, ExperimentFiles.load(file), options().threads(1));
        assertEquals(first.pipelineDigest(), second.pipelineDigest());
        for (NodeResult n : first.nodes()) {
            NodeResult m = second.node(n.nodeId()).orElseThrow();
            n.outputs().forEach((port, data) -> assertEquals(data.digest(), m.outputs().get(port).digest(),
                    n.nodeId() + "." + port));
        }

        // another seed: other spike trains
        RunResult other = run(engine, e, options().seed(1L));
        assertNotEquals(spikes.digest(), other.node("pool").orElseThrow().outputs().get("spikes").digest());
    }
}
