/**
 */
package org.myoflow.model;

import org.eclipse.emf.common.util.EList;

import org.eclipse.emf.ecore.EObject;

/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Node</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * One instance of a step type in a pipeline, with its parameter values and editor layout.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link org.myoflow.model.Node#getId <em>Id</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getStepId <em>Step Id</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getStepVersion <em>Step Version</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getLabel <em>Label</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getBundleName <em>Bundle Name</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getBundleVersion <em>Bundle Version</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getX <em>X</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getY <em>Y</em>}</li>
 *   <li>{@link org.myoflow.model.Node#getParameters <em>Parameters</em>}</li>
 * </ul>
 *
 * @see org.myoflow.model.MyoflowPackage#getNode()
 * @model
 * @generated
 */
public interface Node extends EObject {
	/**
	 * Returns the value of the '<em><b>Id</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Name of the node, unique within its pipeline and referenced by connections (a plain string, not an EMF identifier).
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Id</em>' attribute.
	 * @see #setId(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_Id()
	 * @model
	 * @generated
	 */
	String getId();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getId <em>Id</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Id</em>' attribute.
	 * @see #getId()
	 * @generated
	 */
	void setId(String value);

	/**
	 * Returns the value of the '<em><b>Step Id</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Reverse-domain identifier of the step type this node instantiates, e.g. org.myoflow.dsp.bandpass.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Step Id</em>' attribute.
	 * @see #setStepId(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_StepId()
	 * @model
	 * @generated
	 */
	String getStepId();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getStepId <em>Step Id</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Step Id</em>' attribute.
	 * @see #getStepId()
	 * @generated
	 */
	void setStepId(String value);

	/**
	 * Returns the value of the '<em><b>Step Version</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Version of the step type when the node was last saved, used to detect and migrate older parameter sets.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Step Version</em>' attribute.
	 * @see #setStepVersion(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_StepVersion()
	 * @model
	 * @generated
	 */
	String getStepVersion();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getStepVersion <em>Step Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Step Version</em>' attribute.
	 * @see #getStepVersion()
	 * @generated
	 */
	void setStepVersion(String value);

	/**
	 * Returns the value of the '<em><b>Label</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Optional display label shown in the pipeline editor instead of the step name.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Label</em>' attribute.
	 * @see #setLabel(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_Label()
	 * @model
	 * @generated
	 */
	String getLabel();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getLabel <em>Label</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Label</em>' attribute.
	 * @see #getLabel()
	 * @generated
	 */
	void setLabel(String value);

	/**
	 * Returns the value of the '<em><b>Bundle Name</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Symbolic name of the bundle that provided the step when the node was saved, so a missing plug-in can be named.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Bundle Name</em>' attribute.
	 * @see #setBundleName(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_BundleName()
	 * @model
	 * @generated
	 */
	String getBundleName();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getBundleName <em>Bundle Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Bundle Name</em>' attribute.
	 * @see #getBundleName()
	 * @generated
	 */
	void setBundleName(String value);

	/**
	 * Returns the value of the '<em><b>Bundle Version</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Version of the bundle that provided the step when the node was saved.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Bundle Version</em>' attribute.
	 * @see #setBundleVersion(String)
	 * @see org.myoflow.model.MyoflowPackage#getNode_BundleVersion()
	 * @model
	 * @generated
	 */
	String getBundleVersion();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getBundleVersion <em>Bundle Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Bundle Version</em>' attribute.
	 * @see #getBundleVersion()
	 * @generated
	 */
	void setBundleVersion(String value);

	/**
	 * Returns the value of the '<em><b>X</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Horizontal position of the node in the pipeline editor, in pixels; has no effect on execution.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>X</em>' attribute.
	 * @see #setX(int)
	 * @see org.myoflow.model.MyoflowPackage#getNode_X()
	 * @model
	 * @generated
	 */
	int getX();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getX <em>X</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>X</em>' attribute.
	 * @see #getX()
	 * @generated
	 */
	void setX(int value);

	/**
	 * Returns the value of the '<em><b>Y</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Vertical position of the node in the pipeline editor, in pixels; has no effect on execution.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Y</em>' attribute.
	 * @see #setY(int)
	 * @see org.myoflow.model.MyoflowPackage#getNode_Y()
	 * @model
	 * @generated
	 */
	int getY();

	/**
	 * Sets the value of the '{@link org.myoflow.model.Node#getY <em>Y</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Y</em>' attribute.
	 * @see #getY()
	 * @generated
	 */
	void setY(int value);

	/**
	 * Returns the value of the '<em><b>Parameters</b></em>' containment reference list.
	 * The list contents are of type {@link org.myoflow.model.ParameterValue}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * The typed parameter values set on this node; the step's parameter schema decides which keys and types are valid.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Parameters</em>' containment reference list.
	 * @see org.myoflow.model.MyoflowPackage#getNode_Parameters()
	 * @model containment="true"
	 * @generated
	 */
	EList<ParameterValue> getParameters();

} // Node
