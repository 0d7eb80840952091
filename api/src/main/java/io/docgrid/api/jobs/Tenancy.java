package io.docgrid.api.jobs;

import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.api.usage.UsageRecorder;

/** What the job service needs to hold tenants to their tiers and bill what they use. */
public record Tenancy(TierPolicy tiers, RateLimiter rateLimiter, UsageRecorder usage) {}
