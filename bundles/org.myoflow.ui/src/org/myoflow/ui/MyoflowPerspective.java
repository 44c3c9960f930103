package org.myoflow.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Myoflow perspective: the navigator over workspace projects on the left, the pipeline editor in the middle,
 * the result views on the right and Problems / Progress / Provenance below.
 *
 * @since 0.1
 */
public final class MyoflowPerspective implements IPerspectiveFactory {

    /** Perspective id. */
    public static final String ID = "org.myoflow.ui.perspective";
    /** The Myoflow navigator (Common Navigator over the workspace). */
    public static final String NAVIGATOR_ID = "org.myoflow.ui.navigator";
    /** Result plot view (contributed by org.myoflow.ui.views). */
    public static final String PLOT_VIEW_ID = "org.myoflow.ui.views.plot";
    /** Run provenance view (contributed by org.myoflow.ui.views). */
    public static final String PROVENANCE_VIEW_ID = "org.myoflow.ui.views.provenance";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.2f, editors);
        left.addView(NAVIGATOR_ID);
        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.55f, editors);
        right.addPlaceholder(PLOT_VIEW_ID + ":*");
        right.addPlaceholder(PLOT_VIEW_ID);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.72f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(PROVENANCE_VIEW_ID);
        bottom.addPlaceholder(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(NAVIGATOR_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(PLOT_VIEW_ID);
        layout.addShowViewShortcut(PROVENANCE_VIEW_ID);
        layout.addNewWizardShortcut("org.myoflow.ui.wizards.examples");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.project");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
    }
}
