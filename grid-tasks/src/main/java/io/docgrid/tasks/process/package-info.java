/** The Ignite compute task that processes a document, and the messages around it. */
package io.docgrid.tasks.process;
