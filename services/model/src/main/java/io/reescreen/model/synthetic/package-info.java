/**
 * Synthetic coal-ash data built from published statistics only; every sample and file is labelled synthetic.
 */
package io.reescreen.model.synthetic;
