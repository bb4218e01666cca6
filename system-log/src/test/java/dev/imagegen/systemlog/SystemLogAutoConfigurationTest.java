package dev.imagegen.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SystemLogAutoConfigurationTest {

    final TestDatabase database = TestServers.postgres().migratedDatabase("system_log_config");
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, SystemLogAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(),
                    "spring.datasource.password=" + database.password());

    @Test
    void aServiceThatNamesItsComponentGetsTheLogTheLifecycleAndThePoolWatch() {
        runner.withPropertyValues("imagegen.system-log.component=dispatcher").run(context -> {
            assertThat(context.getBean(SystemLog.class).component()).isEqualTo("dispatcher");
            assertThat(context).hasSingleBean(ServiceLifecycleLog.class).hasSingleBean(ConnectionPoolWatch.class);
        });
    }

    @Test
    void withoutAComponentNothingIsWritten() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SystemLog.class));
    }
}
