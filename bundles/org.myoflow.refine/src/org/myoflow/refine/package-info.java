/** Seq2Seq refinement with attention of simulated muscle activity toward measured EMG (Teramae et al. 2025 style). */
package org.myoflow.refine;
