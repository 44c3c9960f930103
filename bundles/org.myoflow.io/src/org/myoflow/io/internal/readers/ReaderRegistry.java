package org.myoflow.io.internal.readers;

import org.myoflow.io.Recordings;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects the {@link RecordingReader} services of every bundle into {@link Recordings}. */
@Component(immediate = true, service = ReaderRegistry.class)
public final class ReaderRegistry {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(RecordingReader reader) {
        Recordings.register(reader);
    }

    void removeReader(RecordingReader reader) {
        Recordings.unregister(reader);
    }
}
