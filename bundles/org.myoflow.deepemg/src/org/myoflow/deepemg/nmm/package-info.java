/** The neuromusculoskeletal model (NMM): a network for deep-muscle excitations trained with a Hill-type physics term. */
package org.myoflow.deepemg.nmm;
