package org.myoflow.ui.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
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
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.myoflow.core.lab.LabConfig;
import org.myoflow.core.lab.TemplateLibrary;

/**
 * File > New > Myoflow experiment from the lab's template library: the templates of the library the lab file names
 * (default {@code <install>/library}), copied with their data files into a folder of a workspace project (created
 * when missing); the experiment opens in the editor.
 */
public final class NewFromTemplateWizard extends Wizard implements INewWizard {

    private TemplatePage page;
    private IFile created;
    private List<TemplateLibrary.Template> templates = List.of();
    private String problem;

    public NewFromTemplateWizard() {
        setWindowTitle("New Myoflow Experiment from a Template");
        setNeedsProgressMonitor(true);
        try {
            TemplateLibrary lib = LabConfig.current().templateLibrary();
            templates = lib.list();
            if (templates.isEmpty()) {
                problem = lib.folder() == null ? "No template library: the installation folder is unknown."
                        : "The template library " + lib.folder() + " holds no templates.";
            }
        } catch (LabConfig.InvalidLabFile e) {
            problem = e.getMessage();
        }
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        // no selection needed
    }

    @Override
    public void addPages() {
        page = new TemplatePage();
        addPage(page);
    }

    /** The templates offered. */
    public List<TemplateLibrary.Template> templates() {
        return templates;
    }

    /** The experiment file created by the last finish, or null. */
    public IFile created() {
        return created;
    }

    /** Selects a template and sets project and folder (for tests and for callers that preselect). */
    public void choose(String template, String project, String folder) {
        page.choose(template, project, folder);
    }

    @Override
    public boolean performFinish() {
        TemplateLibrary.Template t = page.selected();
        String projectName = page.project();
        String folder = page.folder();
        try {
            getContainer().run(false, false, monitor -> {
                try {
                    created = copy(t, projectName, folder);
                } catch (CoreException | IOException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            page.setErrorMessage(c instanceof FileAlreadyExistsException f ? f.getFile() + " " + f.getReason()
                    : "Cannot create the experiment: " + c.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        IWorkbenchPage wp = PlatformUI.getWorkbench().getActiveWorkbenchWindow() == null ? null
                : PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        if (wp != null) {
            try {
                IDE.openEditor(wp, created);
            } catch (PartInitException e) {
                UiLog.error("cannot open " + created.getFullPath(), e);
            }
        }
        return true;
    }

    /** Copies the template into {@code project/folder} (the project is created when missing) and refreshes. */
    static IFile copy(TemplateLibrary.Template t, String projectName, String folder) throws CoreException,
            IOException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        Path base = project.getLocation().toFile().toPath();
        Path dir = folder.isEmpty() ? base : base.resolve(folder);
        Path file = TemplateLibrary.copy(t, dir);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        return project.getFile(org.eclipse.core.runtime.IPath.fromOSString(base.relativize(file).toString()));
    }

    private final class TemplatePage extends WizardPage {
        private Table table;
        private Text projectText;
        private Text folderText;
        private Label description;

        TemplatePage() {
            super("template", "Experiment from the lab's template library", null);
            setDescription("Copy a template (with its data files) into a folder of a project; the library itself is "
                    + "not changed.");
        }

        TemplateLibrary.Template selected() {
            int i = table.getSelectionIndex();
            return i < 0 ? null : templates.get(i);
        }

        String project() {
            return projectText.getText().trim();
        }

        String folder() {
            return folderText.getText().trim();
        }

        void choose(String template, String project, String folder) {
            for (int i = 0; i < templates.size(); i++) {
                if (templates.get(i).name().equals(template)) {
                    table.setSelection(i);
                }
            }
            projectText.setText(project);
            folderText.setText(folder);
            check();
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(2, false));
            table = new Table(c, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
            table.setHeaderVisible(true);
            table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
            TableColumn name = new TableColumn(table, SWT.NONE);
            name.setText("Template");
            name.setWidth(200);
            TableColumn desc = new TableColumn(table, SWT.NONE);
            desc.setText("Description");
            desc.setWidth(480);
            for (TemplateLibrary.Template t : templates) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] { t.name(), t.description() });
            }
            description = new Label(c, SWT.WRAP);
            GridData dd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            dd.widthHint = 600;
            description.setLayoutData(dd);
            new Label(c, SWT.NONE).setText("Project:");
            projectText = new Text(c, SWT.BORDER);
            projectText.setText("experiments");
            projectText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            new Label(c, SWT.NONE).setText("Folder:");
            folderText = new Text(c, SWT.BORDER);
            folderText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            table.addListener(SWT.Selection, e -> {
                TemplateLibrary.Template t = selected();
                if (t != null) {
                    description.setText(t.description());
                    folderText.setText(t.name());
                }
                check();
            });
            projectText.addModifyListener(e -> check());
            folderText.addModifyListener(e -> check());
            if (!templates.isEmpty()) {
                table.setSelection(0);
                description.setText(templates.get(0).description());
                folderText.setText(templates.get(0).name());
            }
            setControl(c);
            check();
        }

        private void check() {
            String p = project();
            IStatus s = p.isEmpty() ? null : ResourcesPlugin.getWorkspace().validateName(p, IResource.PROJECT);
            String f = folder();
            if (problem != null) {
                setErrorMessage(problem);
            } else if (selected() == null) {
                setErrorMessage("Choose a template");
            } else if (p.isEmpty()) {
                setErrorMessage("Enter a project name");
            } else if (!s.isOK()) {
                setErrorMessage(s.getMessage());
            } else if (!f.isEmpty() && (f.contains("..") || f.startsWith("/") || f.contains("\\"))) {
                setErrorMessage("The folder must be a relative path inside the project");
            } else {
                setErrorMessage(null);
            }
            setPageComplete(getErrorMessage() == null);
        }
    }
}
