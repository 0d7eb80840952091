package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.model.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class JobStatusTest {

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void wire_name_is_the_lower_case_name_and_reads_back(JobStatus status) {
    assertThat(status.wireName()).isEqualTo(status.name().toLowerCase());
    assertThat(JobStatus.fromWireName(status.wireName())).isEqualTo(status);
  }

  @Test
  void only_succeeded_failed_and_cancelled_are_finished() {
    assertThat(JobStatus.values())
        .filteredOn(JobStatus::isFinished)
        .containsExactly(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
  }

  @Test
  void unknown_wire_name_is_rejected_naming_the_accepted_ones() {
    assertThatThrownBy(() -> JobStatus.fromWireName("QUEUED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'QUEUED'")
        .hasMessageContaining("queued, running, succeeded, failed, cancelled");
  }
}
