/**
 * The neuromusculoskeletal model (NMM, after Kumar et al. 2025, arXiv 2503.05201): a bidirectional-GRU network from
 * measured features to the deep muscles' excitations, trained with a data term and a Hill-type physics term
 * ({@link org.myoflow.deepemg.nmm.NmmTrainer}), with per-subject muscle scales learned jointly, exported to ONNX
 * ({@link org.myoflow.deepemg.nmm.NmmModel}). See docs/deepemg.md, section "NMM".
 */
package org.myoflow.deepemg.nmm;
