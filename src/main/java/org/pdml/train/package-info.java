/**
 * Training building blocks: the per-group optimiser with exact state save and restore, and
 * learning-rate schedules. Learning rates are per update step; epochs convert to steps by the
 * batches per epoch.
 */
package org.pdml.train;
