package org.myoflow.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.wizard.WizardDialog;
import org.junit.jupiter.api.Test;
import org.myoflow.core.lab.LabConfig;
import org.myoflow.ui.internal.NewFromTemplateWizard;

/** File > New > Myoflow Experiment from Template: the lab library's templates, copied into a project (issue 18). */
class TemplateWizardTest {

    @Test
    void theWizardListsTheLibraryAndCopiesATemplateWithItsData() throws Exception {
        Path lab = Files.createTempDirectory("myoflow-lab");
        Path t = Files.createDirectories(lab.resolve("templates/ramp-study/data"));
        Files.writeString(t.getParent().resolve("ramp-study.myoflow"),
                "<myoflow:Experiment name=\"r\" description=\"A ramp study.\"/>");
        Files.writeString(t.resolve("ramp.sto"), "ramp\n");
        Files.writeString(lab.resolve("templates/other.myoflow"), "<e description=\"Other.\"/>");
        Files.writeString(lab.resolve("lab.properties"), "library = templates\n");
        String saved = System.getProperty(LabConfig.FILE_PROPERTY);
        System.setProperty(LabConfig.FILE_PROPERTY, lab.resolve("lab.properties").toString());
        try {
            IFile created = Ui.sync(() -> {
                NewFromTemplateWizard w = new NewFromTemplateWizard();
                assertEquals(2, w.templates().size());
                assertEquals("A ramp study.", w.templates().get(1).description());
                WizardDialog d = new WizardDialog(Ui.display().getActiveShell(), w);
                d.setBlockOnOpen(false);
                d.create();
                try {
                    w.choose("ramp-study", "template-project", "study1");
                    assertTrue(w.canFinish());
                    assertTrue(w.performFinish());
                    IFile f = w.created();
                    // a second copy into the same folder is refused on the page, nothing overwritten
                    assertFalse(w.performFinish());
                    return f;
                } finally {
                    d.close();
                }
            });
            assertNotNull(created);
            assertEquals("/template-project/study1/ramp-study.myoflow", created.getFullPath().toString());
            assertTrue(created.exists());
            assertTrue(created.getProject().getFile("study1/data/ramp.sto").exists());
        } finally {
            if (saved == null) {
                System.clearProperty(LabConfig.FILE_PROPERTY);
            } else {
                System.setProperty(LabConfig.FILE_PROPERTY, saved);
            }
        }
    }
}
