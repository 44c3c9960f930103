/**
 */
package org.myoflow.model;


/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>File Value</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * A parameter that refers to a file, such as a recording, a model or a lookup table.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link org.myoflow.model.FileValue#getPath <em>Path</em>}</li>
 * </ul>
 *
 * @see org.myoflow.model.MyoflowPackage#getFileValue()
 * @model
 * @generated
 */
public interface FileValue extends ParameterValue {
	/**
	 * Returns the value of the '<em><b>Path</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Path of the file with '/' separators; a relative path is resolved against the folder of the experiment file.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Path</em>' attribute.
	 * @see #setPath(String)
	 * @see org.myoflow.model.MyoflowPackage#getFileValue_Path()
	 * @model
	 * @generated
	 */
	String getPath();

	/**
	 * Sets the value of the '{@link org.myoflow.model.FileValue#getPath <em>Path</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Path</em>' attribute.
	 * @see #getPath()
	 * @generated
	 */
	void setPath(String value);

} // FileValue
