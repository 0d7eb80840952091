/**
 * Batches: many documents submitted as one request, followed, cancelled and announced ({@code
 * batch.completed}) as one, each document an ordinary job.
 */
package io.docgrid.api.batches;
