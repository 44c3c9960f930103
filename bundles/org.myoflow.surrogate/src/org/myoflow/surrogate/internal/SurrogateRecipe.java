package org.myoflow.surrogate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.ml.TrainingRequest;
import org.myoflow.ml.TrainingResult;
import org.myoflow.surrogate.SurrogateTraining;
import org.osgi.service.component.annotations.Component;

/** {@code ./myoflow train muap-surrogate-demo [--quick] [--seed N] [--set units=..,epochs=..,width=..]}. */
@Component(service = TrainingRecipe.class)
public final class SurrogateRecipe implements TrainingRecipe {

    /** Seed of the shipped model. */
    public static final long DEFAULT_SEED = 20261121L;

    @Override
    public String id() {
        return "muap-surrogate-demo";
    }

    @Override
    public String description() {
        return "BioMime-style MUAP surrogate of the demo planar conductor and 8x8 array (simulates its own "
                + "training data; about 2-3 min, --quick: seconds)";
    }

    @Override
    public boolean hasQuickVariant() {
        return true;
    }

    @Override
    public TrainingResult train(TrainingRequest request, Progress progress) {
        SurrogateTraining t = SurrogateTraining.demo(request.quick(), request.seedOr(DEFAULT_SEED));
        for (Map.Entry<String, String> e : request.overrides().entrySet()) {
            int v = RecipeSettings.integer(e.getKey(), e.getValue(), 1);
            t = switch (e.getKey()) {
                case "units" -> new SurrogateTraining(t.name(), t.config(), v, t.testUnits(), t.epochs(), t.width(),
                        t.depth(), t.seed());
                case "testUnits" -> new SurrogateTraining(t.name(), t.config(), t.units(), v, t.epochs(), t.width(),
                        t.depth(), t.seed());
                case "epochs" -> new SurrogateTraining(t.name(), t.config(), t.units(), t.testUnits(), v, t.width(),
                        t.depth(), t.seed());
                case "width" -> new SurrogateTraining(t.name(), t.config(), t.units(), t.testUnits(), t.epochs(), v,
                        t.depth(), t.seed());
                case "depth" -> new SurrogateTraining(t.name(), t.config(), t.units(), t.testUnits(), t.epochs(),
                        t.width(), v, t.seed());
                default -> throw new IllegalArgumentException("unknown setting '" + e.getKey()
                        + "' for muap-surrogate-demo; known: units, testUnits, epochs, width, depth");
            };
        }
        SurrogateTraining.Outcome o = t.run(request.outputRoot(), progress);
        return new TrainingResult(o.folder(), new LinkedHashMap<>(o.card().metrics()));
    }
}
