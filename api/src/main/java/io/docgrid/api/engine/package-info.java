/**
 * The job engine: admits, stores and dispatches jobs to the grid, keeps them alive through lost
 * nodes with leases, and records how they end. Its parts take their collaborators and are built and
 * connected in {@code io.docgrid.node.wiring}; {@link io.docgrid.api.engine.JobDispatcher} is its
 * one contact with Ignite.
 */
package io.docgrid.api.engine;
