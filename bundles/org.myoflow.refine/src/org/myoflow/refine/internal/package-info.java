/** Steps and the benchmark of the refinement bundle. */
package org.myoflow.refine.internal;
