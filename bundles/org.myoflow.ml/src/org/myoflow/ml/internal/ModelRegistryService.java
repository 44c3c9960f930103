package org.myoflow.ml.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.ml.ModelRegistry;
import org.osgi.service.component.annotations.Component;

/**
 * The model registry as an OSGi service: the folders configured by system properties, environment and preferences
 * ({@link ModelRegistry#fromEnvironment()}), read afresh on every call so a changed preference applies to the next
 * run. Front ends pass it to the engine through {@code RunOptions.models}.
 */
@Component(service = ModelResolver.class)
public final class ModelRegistryService implements ModelResolver {

    @Override
    public Optional<ModelFile> find(String name) {
        return ModelRegistry.fromEnvironment().resolver().find(name);
    }

    @Override
    public List<String> searched() {
        return ModelRegistry.fromEnvironment().resolver().searched();
    }

    @Override
    public Optional<Path> saveFolder() {
        return Optional.of(ModelRegistry.userFolder());
    }
}
