package org.myoflow.surrogate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.ml.TrainingRequest;
import org.myoflow.ml.TrainingResult;
import org.myoflow.surrogate.CylindricalSurrogateConfig;
import org.myoflow.surrogate.CylindricalSurrogateTraining;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow train muap-surrogate-cylindrical [--quick] [--seed N] [--set units=..,epochs=..,width=..,
 * depth=..,testUnits=..,fatLevels=..,boneRadius=..]}.
 */
@Component(service = TrainingRecipe.class)
public final class CylindricalSurrogateRecipe implements TrainingRecipe {

    /** Seed of the shipped model. */
    public static final long DEFAULT_SEED = 20261206L;

    @Override
    public String id() {
        return CylindricalSurrogateTraining.NAME;
    }

    @Override
    public String description() {
        return "BioMime-style MUAP surrogate of the cylindrical (limb) conductor: 7 conditions incl. angle and fat "
                + "thickness, 8x8 array (simulates its own training data; about 4-6 min, --quick: seconds)";
    }

    @Override
    public boolean hasQuickVariant() {
        return true;
    }

    private static CylindricalSurrogateTraining with(CylindricalSurrogateTraining t, String key, int v) {
        int units = t.units();
        int testUnits = t.testUnits();
        int fatLevels = t.fatLevels();
        int fibreCap = t.fibreCap();
        int epochs = t.epochs();
        int width = t.width();
        int depth = t.depth();
        CylindricalSurrogateConfig config = t.config();
        switch (key) {
            case "units" -> units = v;
            case "testUnits" -> testUnits = v;
            case "fatLevels" -> fatLevels = v;
            case "fibreCap" -> fibreCap = v;
            case "epochs" -> epochs = v;
            case "width" -> width = v;
            case "depth" -> depth = v;
            case "boneRadius" -> {
                if (v > 15) {
                    throw new IllegalArgumentException("--set boneRadius=" + v + ": the demo's muscle radius is 20 mm "
                            + "and its depth range starts at 0.5 mm; use 0-15 (mm; the depth range then ends 1 mm "
                            + "above the bone)");
                }
                config = CylindricalSurrogateConfig.demo(v);
            }
            default -> throw new IllegalArgumentException("unknown setting '" + key + "' for "
                    + CylindricalSurrogateTraining.NAME
                    + "; known: units, testUnits, fatLevels, fibreCap, epochs, width, depth, boneRadius");
        }
        return new CylindricalSurrogateTraining(t.name(), config, units, testUnits, fatLevels, fibreCap, epochs,
                width, depth, t.seed());
    }

    @Override
    public TrainingResult train(TrainingRequest request, Progress progress) {
        CylindricalSurrogateTraining t = CylindricalSurrogateTraining.demo(request.quick(),
                request.seedOr(DEFAULT_SEED));
        for (Map.Entry<String, String> e : request.overrides().entrySet()) {
            int min = "boneRadius".equals(e.getKey()) || "fibreCap".equals(e.getKey()) ? 0 : 1;
            t = with(t, e.getKey(), RecipeSettings.integer(e.getKey(), e.getValue(), min));
        }
        CylindricalSurrogateTraining.Outcome o = t.run(request.outputRoot(), progress);
        return new TrainingResult(o.folder(), new LinkedHashMap<>(o.card().metrics()));
    }
}
