package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.auth.Tier;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.process.ExtractionProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical jobs in flight at once are computed once, on H2 and one in-JVM grid node. */
class SingleFlightTest {

  @Test
  void two_identical_submissions_share_one_computation(@TempDir Path work) throws Exception {
    AtomicInteger computed = new AtomicInteger();
    ExtractionProbe count = request -> computed.incrementAndGet();
    try (EngineHarness engine =
        new EngineHarness(work, TierPolicy.defaults(), true, List.of(count))) {
      String document = "The same words, sent twice.";
      JobIntake.Stored leader = engine.store(document, EngineHarness.caller(Tier.STANDARD));
      JobIntake.Stored follower = engine.store(document, EngineHarness.caller(Tier.STANDARD));

      assertThat(leader.plan()).isInstanceOf(ResultReuse.Lead.class);
      assertThat(follower.plan()).isEqualTo(new ResultReuse.Follow(leader.job().id()));

      var followerFinished = engine.waiters.register(follower.job().id());
      assertThat(engine.intake.start(follower).status()).isEqualTo(JobStatus.QUEUED);
      Job leaderDone = engine.runToEnd(leader);
      Job followerDone =
          followerFinished.get(EngineHarness.WAIT.toSeconds(), TimeUnit.SECONDS).job();

      assertThat(computed).hasValue(1);
      assertThat(leaderDone.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(leaderDone.cacheHit()).isFalse();
      assertThat(followerDone.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(followerDone.cacheHit()).isTrue();
      assertThat(engine.storedResult(followerDone.id())).isPresent();
    }
  }
}
