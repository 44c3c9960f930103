package org.myoflow.ui.internal;

import java.lang.reflect.InvocationTargetException;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.myoflow.ui.ExampleProjects;

/** File > New > Myoflow example project: a project with the demo and the installation's example experiments. */
public final class NewExampleProjectWizard extends Wizard implements INewWizard {

    private NamePage page;
    private IProject created;

    public NewExampleProjectWizard() {
        setWindowTitle("New Myoflow Example Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        // no selection needed
    }

    @Override
    public void addPages() {
        page = new NamePage();
        addPage(page);
    }

    /** The project created by the last finish, or null. */
    public IProject created() {
        return created;
    }

    @Override
    public boolean performFinish() {
        String name = page.name();
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    created = ExampleProjects.create(name, monitor);
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                }
            });
            return true;
        } catch (InvocationTargetException e) {
            page.setErrorMessage("Cannot create the project: " + e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class NamePage extends WizardPage {
        private Text text;

        NamePage() {
            super("name", "Myoflow example project", null);
            setDescription("A project with the demo pipeline and the example experiments of this installation.");
        }

        String name() {
            return text.getText().trim();
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(2, false));
            new Label(c, SWT.NONE).setText("Project name:");
            text = new Text(c, SWT.BORDER);
            text.setText(ExampleProjects.DEFAULT_NAME);
            text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            text.addModifyListener(e -> check());
            Label note = new Label(c, SWT.WRAP);
            note.setText(ExampleProjects.installedExamples() == null
                    ? "Only the demo is available: the installation's examples folder was not found (myoflow.home)."
                    : "Examples from " + ExampleProjects.installedExamples());
            note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            setControl(c);
            check();
        }

        private void check() {
            String n = name();
            IStatus s = n.isEmpty() ? null : ResourcesPlugin.getWorkspace().validateName(n, org.eclipse.core.resources.IResource.PROJECT);
            if (n.isEmpty()) {
                setErrorMessage("Enter a project name");
            } else if (!s.isOK()) {
                setErrorMessage(s.getMessage());
            } else {
                setErrorMessage(null);
            }
            setPageComplete(getErrorMessage() == null);
        }
    }
}
