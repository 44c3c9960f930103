/** The gait part of the real-data benchmark (issue 17) on the CEINMS-RT gait2392 trials. */
package org.myoflow.refine.realdata;
