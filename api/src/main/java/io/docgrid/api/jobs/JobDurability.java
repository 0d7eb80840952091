package io.docgrid.api.jobs;

import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.QuarantineRepository;
import java.time.Duration;

/**
 * What keeps jobs alive through lost nodes: leases on dispatched jobs, and the quarantine of
 * documents that take workers down.
 *
 * @param leaseDuration how long a dispatched job is held between renewals
 */
public record JobDurability(
    JobLeaseRepository leases, QuarantineRepository quarantine, Duration leaseDuration) {}
