package dev.imagegen.systemlog;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The system log of a service that names its component ({@code imagegen.system-log.component}). */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "imagegen.system-log", name = "component")
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(SystemLogProperties.class)
public class SystemLogAutoConfiguration {

    @Bean
    SystemLog systemLog(DataSource dataSource, SystemLogProperties properties) {
        return new SystemLog(JdbcClient.create(dataSource), properties.component(), properties.writeWait());
    }

    @Bean
    ServiceLifecycleLog serviceLifecycleLog(SystemLog systemLog) {
        return new ServiceLifecycleLog(systemLog);
    }

    /** Hikari is Spring Boot's pool; another pool is not watched. */
    @Bean
    @ConditionalOnBean(HikariDataSource.class)
    ConnectionPoolWatch connectionPoolWatch(
            HikariDataSource pool, SystemLog systemLog, SystemLogProperties properties) {
        return new ConnectionPoolWatch(pool, systemLog, properties, Clock.systemUTC());
    }
}
