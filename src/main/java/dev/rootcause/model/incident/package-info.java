/** Incidents, their timelines and evidence, SLOs and the error budget: plain values, no I/O. */
package dev.rootcause.model.incident;
