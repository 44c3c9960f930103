package org.myoflow.integration.tests;

import org.myoflow.model.Connection;
import org.myoflow.model.EnumValue;
import org.myoflow.model.Experiment;
import org.myoflow.model.FileValue;
import org.myoflow.model.IntegerValue;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Node;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;

/** Builds experiments with one pipeline for the tests. */
final class Experiments {

    private static final MyoflowFactory F = MyoflowFactory.eINSTANCE;

    final Experiment experiment;
    final Pipeline pipeline;

    Experiments(String name, long seed) {
        experiment = F.createExperiment();
        experiment.setName(name);
        experiment.setSeed(seed);
        pipeline = F.createPipeline();
        pipeline.setName("main");
        experiment.getPipelines().add(pipeline);
    }

    Experiments node(String id, String stepId, ParameterValue... params) {
        Node n = F.createNode();
        n.setId(id);
        n.setStepId(stepId);
        n.setStepVersion("1.0.0");
        for (ParameterValue p : params) {
            n.getParameters().add(p);
        }
        pipeline.getNodes().add(n);
        return this;
    }

    Experiments connect(String sourceNode, String sourcePort, String targetNode, String targetPort) {
        Connection c = F.createConnection();
        c.setSourceNode(sourceNode);
        c.setSourcePort(sourcePort);
        c.setTargetNode(targetNode);
        c.setTargetPort(targetPort);
        pipeline.getConnections().add(c);
        return this;
    }

    static NumberValue number(String key, double value, String unit) {
        NumberValue v = F.createNumberValue();
        v.setKey(key);
        v.setValue(value);
        v.setUnit(unit);
        return v;
    }

    static IntegerValue integer(String key, long value) {
        IntegerValue v = F.createIntegerValue();
        v.setKey(key);
        v.setValue(value);
        return v;
    }

    static EnumValue literal(String key, String literal) {
        EnumValue v = F.createEnumValue();
        v.setKey(key);
        v.setLiteral(literal);
        return v;
    }

    static FileValue file(String key, String path) {
        FileValue v = F.createFileValue();
        v.setKey(key);
        v.setPath(path);
        return v;
    }
}
